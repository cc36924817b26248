// Configuration formats: .env, shell, YAML, JSON, properties, INI, TOML, Terraform, Dockerfile, Kubernetes.
import { anyQuote, bareSafe, dq, indent, isIdent, itemLines, looksLikeYaml, sq, type Block, type Host, type Item } from './host.ts';
import type { Rand } from './keys.ts';
import { NOUNS, SERVICES, VERBS, chance, configPair, int, pick, snake, upper } from './vocab.ts';

const line = (text: string): Block => ({ lines: [text], target: 0 });
const pairs = (rand: Rand, n: number): [string, string][] => Array.from({ length: n }, () => configPair(rand));

/** `K=V`, quoted when needed or at random. */
function envLine(rand: Rand, k: string, v: string): string {
  return bareSafe(v) && chance(rand, 0.5) ? `${k}=${v}` : `${k}=${chance(rand, 0.7) || v.includes('"') ? sq(v) : dq(v)}`;
}

export const env: Host = {
  id: 'env',
  path: (rand) => pick(rand, ['.env', '.env.production', '.env.local', 'config/.env.staging', `deploy/${pick(rand, SERVICES)}.env`]),
  styles: ['assign', 'comment'],
  render: (item, rand) => line(item.style === 'comment' ? `# ${item.key}=${item.value}` : envLine(rand, item.key, item.value)),
  filler: (rand) => [...(chance(rand, 0.3) ? [`# ${pick(rand, NOUNS)} settings`] : []), ...pairs(rand, int(rand, 1, 4)).map(([k, v]) => `${upper(k)}=${v}`)],
};

export const shell: Host = {
  id: 'shell',
  path: (rand) => `scripts/${pick(rand, VERBS)}-${pick(rand, NOUNS)}.sh`,
  styles: ['assign', 'call', 'comment', 'verbatim'],
  accepts: (item) => (item.style === 'assign' ? isIdent(item.key) : item.style !== 'verbatim' || !item.value.includes('\n')),
  header: () => ['#!/usr/bin/env bash', 'set -euo pipefail', ''],
  render: (item, rand) => {
    if (item.style === 'verbatim') return { lines: itemLines(item), target: item.target ?? 0 };
    if (item.style === 'comment') return line(`# ${item.key}=${item.value}`);
    if (item.style === 'call') return line(`./bin/${pick(rand, VERBS)}-${pick(rand, NOUNS)} --region eu-west-1 ${sq(item.value)}`);
    return line(`${chance(rand, 0.5) ? 'export ' : ''}${item.key}=${anyQuote(rand, item.value)}`);
  },
  filler: (rand) => {
    const f = `${pick(rand, VERBS)}_${pick(rand, NOUNS)}`;
    return [`${f}() {`, `  echo "==> ${f} \${1:-default}"`, `  ${pick(rand, ['curl -fsS', 'rsync -a', 'kubectl get pods -n', 'aws s3 ls s3://'])}${pick(rand, NOUNS)} || true`, '}', ''];
  },
};

function yamlValue(rand: Rand, v: string): string {
  return bareSafe(v) && chance(rand, 0.4) ? v : anyQuote(rand, v);
}

export const yaml: Host = {
  id: 'yaml',
  path: (rand) => pick(rand, [`config/${pick(rand, NOUNS)}.yaml`, `.github/workflows/${pick(rand, VERBS)}.yml`, 'docker-compose.yml', `ansible/group_vars/${pick(rand, SERVICES)}.yml`, 'helm/values.yaml']),
  styles: ['assign', 'comment', 'verbatim', 'pem', 'env-item'],
  accepts: (item) => item.style !== 'verbatim' || looksLikeYaml(item.value),
  render: (item, rand) => {
    const [fk, fv] = configPair(rand);
    switch (item.style) {
      case 'verbatim':
        return { lines: itemLines(item), target: item.target ?? 0 };
      case 'comment':
        return line(`# ${item.key}: ${item.value}`);
      case 'pem':
        return { lines: [`${pick(rand, NOUNS)}:`, `  ${item.key}: |`, ...indent(itemLines(item), '    ')], target: 2 };
      case 'env-item':
        return { lines: ['env:', `  - name: ${upper(item.key)}`, `    value: ${dq(item.value)}`], target: 2 };
      default:
        return { lines: [`${pick(rand, NOUNS)}:`, `  ${item.key}: ${yamlValue(rand, item.value)}`, `  ${fk}: ${fv}`], target: 1 };
    }
  },
  filler: (rand) => [`${snake(rand, 1)}:`, ...pairs(rand, int(rand, 1, 4)).map(([k, v]) => `  ${k}: ${v}`)],
};

export const json: Host = {
  id: 'json',
  path: (rand) => pick(rand, [`config/${pick(rand, NOUNS)}.json`, `appsettings.${pick(rand, ['Development', 'Production'])}.json`, `secrets/${pick(rand, SERVICES)}.json`, `fixtures/${pick(rand, NOUNS)}-seed.json`]),
  styles: ['assign', 'json-escaped'],
  header: () => ['{'],
  footer: () => ['  "version": "1.4.2"', '}'],
  render: (item, rand) =>
    chance(rand, 0.5) ? line(`  ${dq(item.key)}: ${dq(item.value)},`) : { lines: [`  ${dq(pick(rand, NOUNS))}: {`, `    ${dq(item.key)}: ${dq(item.value)}`, '  },'], target: 1 },
  filler: (rand) => {
    const ps = pairs(rand, int(rand, 1, 3)).map(([k, v]) => `${dq(k)}: ${/^\d+$|^(true|false)$/.test(v) ? v : dq(v)}`);
    return chance(rand, 0.5) ? ps.map((p) => `  ${p},`) : [`  ${dq(snake(rand, 1))}: {`, ...ps.map((p, i) => `    ${p}${i < ps.length - 1 ? ',' : ''}`), '  },'];
  },
};

export const properties: Host = {
  id: 'properties',
  path: (rand) => `src/main/resources/application${pick(rand, ['', '-prod', '-staging'])}.properties`,
  styles: ['assign', 'comment'],
  render: (item, rand) => line(`${item.style === 'comment' ? '# ' : ''}${item.key}${chance(rand, 0.5) ? '=' : ' = '}${item.value}`),
  filler: (rand) => pairs(rand, int(rand, 1, 4)).map(([k, v]) => `${pick(rand, ['spring', 'app', 'server'])}.${k.replace(/_/g, '-')}=${v}`),
};

export const ini: Host = {
  id: 'ini',
  path: (rand) => pick(rand, ['config.ini', 'setup.cfg', `conf/${pick(rand, SERVICES)}.ini`]),
  styles: ['assign', 'comment'],
  render: (item, rand) =>
    item.style === 'comment' ? line(`; ${item.key} = ${item.value}`) : { lines: [`[${pick(rand, NOUNS)}]`, `${item.key} = ${item.value}`], target: 1 },
  filler: (rand) => [`[${snake(rand, 1)}]`, ...pairs(rand, int(rand, 1, 4)).map(([k, v]) => `${k} = ${v}`), ''],
};

const tomlKey = (k: string): string => (/^[A-Za-z0-9_-]+$/.test(k) ? k : dq(k));

export const toml: Host = {
  id: 'toml',
  path: (rand) => pick(rand, ['config.toml', `${pick(rand, SERVICES)}.toml`, 'settings/production.toml']),
  styles: ['assign', 'comment'],
  render: (item, rand) =>
    item.style === 'comment' ? line(`# ${item.key} = ${dq(item.value)}`) : { lines: [`[${pick(rand, NOUNS)}]`, `${tomlKey(item.key)} = ${dq(item.value)}`], target: 1 },
  filler: (rand) => [`[${snake(rand, 1)}]`, ...pairs(rand, int(rand, 1, 4)).map(([k, v]) => `${k} = ${/^\d+$|^(true|false)$/.test(v) ? v : dq(v)}`), ''],
};

export const terraform: Host = {
  id: 'terraform',
  path: (rand) => pick(rand, [`infra/${pick(rand, NOUNS)}.tf`, 'terraform.tfvars', `modules/${pick(rand, SERVICES)}/main.tf`]),
  styles: ['assign', 'comment', 'pem'],
  render: (item: Item, rand) => {
    const k = isIdent(item.key) ? item.key : dq(item.key);
    if (item.style === 'comment') return line(`# ${item.key} = ${dq(item.value)}`);
    if (item.style === 'pem') return { lines: ['locals {', `  ${k} = <<-EOT`, ...indent(itemLines(item), '    '), '  EOT', '}'], target: 2 };
    return { lines: [`module "${pick(rand, SERVICES)}" {`, `  source = "./modules/${pick(rand, SERVICES)}"`, `  ${k} = ${dq(item.value)}`, '}'], target: 2 };
  },
  filler: (rand) => [`resource "aws_s3_bucket" "${snake(rand, 1)}" {`, `  bucket = "${pick(rand, NOUNS)}-${int(rand, 100, 999)}"`, '  tags = {', `    Team = "${pick(rand, SERVICES)}"`, '  }', '}', ''],
};

export const dockerfile: Host = {
  id: 'dockerfile',
  path: (rand) => pick(rand, ['Dockerfile', `docker/${pick(rand, SERVICES)}.Dockerfile`]),
  styles: ['assign', 'comment', 'call'],
  header: (rand) => [`FROM ${pick(rand, ['node:20-alpine', 'python:3.12-slim', 'golang:1.23', 'eclipse-temurin:21-jre'])}`, 'WORKDIR /app'],
  render: (item, rand) => {
    if (item.style === 'comment') return line(`# ${item.key}=${item.value}`);
    if (item.style === 'call') return line(`RUN ./scripts/fetch-artifacts.sh ${sq(item.value)}`);
    return line(`${pick(rand, ['ENV', 'ENV', 'ARG'])} ${item.key}=${bareSafe(item.value) && chance(rand, 0.5) ? item.value : dq(item.value)}`);
  },
  filler: (rand) => [pick(rand, ['COPY package*.json ./', 'RUN npm ci --omit=dev', 'COPY . .', `EXPOSE ${pick(rand, [3000, 8080, 9090])}`, 'RUN apt-get update && apt-get install -y --no-install-recommends curl', `ENV ${upper(configPair(rand)[0])}=${int(rand, 1, 99)}`])],
  footer: () => ['CMD ["node", "dist/server.js"]'],
};

export const k8sSecret: Host = {
  id: 'k8s-secret',
  path: (rand) => `k8s/${pick(rand, SERVICES)}-secret.yaml`,
  styles: ['assign'],
  header: (rand) => ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${pick(rand, SERVICES)}-credentials`, `  namespace: ${pick(rand, ['default', 'prod', 'staging'])}`, 'type: Opaque', 'stringData:'],
  render: (item) => line(`  ${item.key}: ${dq(item.value)}`),
  filler: (rand) => [`  ${configPair(rand)[0]}: "${int(rand, 1, 999)}"`],
};

export const k8sDeploy: Host = {
  id: 'k8s-deploy',
  path: (rand) => `deploy/${pick(rand, SERVICES)}-deployment.yaml`,
  styles: ['env-item'],
  header: (rand) => {
    const name = pick(rand, SERVICES);
    return ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, 'spec:', '  template:', '    spec:', '      containers:', `        - name: ${name}`, `          image: registry.corp.test/${name}:1.${int(rand, 0, 40)}.${int(rand, 0, 9)}`, '          env:'];
  },
  render: (item) => ({ lines: [`            - name: ${upper(item.key)}`, `              value: ${dq(item.value)}`], target: 1 }),
  filler: (rand) => {
    const [k, v] = configPair(rand);
    return [`            - name: ${upper(k)}`, `              value: "${v}"`];
  },
};

/** Every configuration host. */
export const CONFIG_HOSTS: readonly Host[] = [env, shell, yaml, json, properties, ini, toml, terraform, dockerfile, k8sSecret, k8sDeploy];
