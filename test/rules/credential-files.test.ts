// Credential files and connection strings in the layouts they are really written in. Each case is a
// whole file (or the part of it that matters) with the secret marked ⟦…⟧; the built-in rules, as a
// user runs them (rules that are off by default stay off, decoding on), must report a finding on the secret's
// line. Rule examples test one rule each; this table tests the formats, whichever rule finds them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectWithDecoding } from '../../src/core/decode/rescan.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { expandExample } from '../../src/rules/examples.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';
import { gen } from '../helpers/secrets.ts';

const ruleSet = compileRuleSet(builtinRuleSpecs());

/** [name, path, text]: the secret is between ⟦ and ⟧. */
const FILES: [string, string, string][] = [
  ['.netrc, multi-line', 'home/ci/.netrc', 'machine ftp.acme-corp.net\n  login deploy\n  password ⟦{{gen:alnum:18}}⟧\n'],
  ['.netrc, an entry over several lines', '.netrc', `# CI\n${'machine mirror.acme-corp.net login anonymous\n'.repeat(30)}machine ftp.acme-corp.net\n\n  login deploy\n  account ops\n  port 21\n  password ⟦{{gen:alnum:18}}⟧\n`],
  ['.netrc, one line', '.netrc', 'machine api.acme-corp.net login bot password ⟦{{gen:alnum:20}}⟧\n'],
  ['_netrc, password before login', '_netrc', 'machine git.acme-corp.net password ⟦{{gen:alnum:18}}⟧ login jenkins\n'],
  ['.git-credentials', '.git-credentials', 'https://alice:⟦{{gen:alnum:20}}⟧@git.acme-corp.net\n'],
  ['.pgpass', '.pgpass', 'db.acme-corp.net:5432:app:app_user:⟦{{gen:alnum:16}}⟧\n'],
  ['.s3cfg', '.s3cfg', '[default]\naccess_key = {{gen:awskey:AKIA}}\nsecret_key = ⟦{{gen:base64:40}}⟧\nhost_base = s3.amazonaws.com\n'],
  ['~/.aws/credentials with a session token', '.aws/credentials', '[default]\naws_access_key_id = {{gen:awskey:ASIA}}\naws_secret_access_key = ⟦{{gen:base64:40}}⟧\naws_session_token = IQoJb3JpZ2luX2VjE{{gen:base64:300}}\n'],
  ['.docker/config.json auth', '.docker/config.json', '{\n  "auths": {\n    "registry.acme-corp.net": {\n      "auth": "⟦{{gen:b64:ci:[[alnum:16]]}}⟧"\n    }\n  }\n}\n'],
  ['.npmrc _authToken', '.npmrc', '//npm.acme-corp.net/repository/npm/:_authToken=⟦{{gen:uuid}}⟧\n'],
  ['.npmrc _auth', '.npmrc', 'registry=https://npm.acme-corp.net/\n_auth=⟦{{gen:b64:ci:[[alnum:16]]}}⟧\nalways-auth=true\n'],
  ['.npmrc _password', '.npmrc', '//npm.acme-corp.net/:username=ci\n//npm.acme-corp.net/:_password=⟦{{gen:b64:[[alnum:16]]}}⟧\n'],
  ['.yarnrc.yml npmAuthToken', '.yarnrc.yml', 'npmRegistryServer: "https://npm.acme-corp.net"\nnpmAuthToken: "⟦{{gen:base64url:40}}⟧"\n'],
  ['.yarnrc.yml npmAuthIdent', '.yarnrc.yml', 'npmAuthIdent: "⟦ci:{{gen:alnum:16}}⟧"\n'],
  ['.pypirc', '.pypirc', '[distutils]\nindex-servers = internal\n\n[internal]\nrepository = https://pypi.acme-corp.net/\nusername = ci\npassword = ⟦{{gen:alnum:18}}⟧\n'],
  ['pip.conf index-url', 'pip.conf', '[global]\nindex-url = https://ci:⟦{{gen:alnum:18}}⟧@pypi.acme-corp.net/simple\n'],
  ['~/.gem/credentials', '.gem/credentials', '---\n:rubygems_api_key: ⟦rubygems_{{gen:hex:48}}⟧\n'],
  ['Cargo credentials.toml', '.cargo/credentials.toml', '[registries.acme]\ntoken = "⟦{{gen:alnum:40}}⟧"\n'],
  ['composer auth.json http-basic', 'auth.json', '{\n    "http-basic": {\n        "repo.acme-corp.net": {\n            "username": "ci",\n            "password": "⟦{{gen:alnum:18}}⟧"\n        }\n    }\n}\n'],
  ['composer auth.json gitlab-token', 'auth.json', '{\n    "gitlab-token": {\n        "gitlab.acme-corp.net": "⟦{{gen:alnum:20}}⟧"\n    }\n}\n'],
  ['gradle.properties', 'gradle.properties', 'org.gradle.jvmargs=-Xmx2g\nnexusUsername=ci\nnexusPassword=⟦{{gen:alnum:18}}⟧\n'],
  ['Maven settings.xml', '.m2/settings.xml', '<settings>\n  <servers>\n    <server>\n      <id>releases</id>\n      <username>deploy</username>\n      <password>⟦{{gen:alnum:18}}⟧</password>\n    </server>\n  </servers>\n</settings>\n'],
  ['NuGet.config ClearTextPassword', 'NuGet.config', '<configuration>\n  <packageSourceCredentials>\n    <acme>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="⟦{{gen:alnum:18}}⟧" />\n    </acme>\n  </packageSourceCredentials>\n</configuration>\n'],
  ['FileZilla sitemanager.xml', 'FileZilla/sitemanager.xml', '<FileZilla3>\n <Servers>\n  <Server>\n   <Host>ftp.acme-corp.net</Host>\n   <User>web</User>\n   <Pass encoding="base64">⟦{{gen:b64:[[alnum:14]]}}⟧</Pass>\n  </Server>\n </Servers>\n</FileZilla3>\n'],
  ['FileZilla recentservers.xml', 'FileZilla/recentservers.xml', '<FileZilla3>\n<RecentServers>\n<Server>\n<Host>10.1.2.3</Host>\n<User>root</User>\n<Pass encoding="base64">⟦{{gen:b64:[[alnum:12]]}}⟧</Pass>\n</Server>\n</RecentServers>\n</FileZilla3>\n'],
  ['.curlrc user', 'home/ci/.curlrc', 'silent\nuser = "deploy:⟦{{gen:alnum:16}}⟧"\n'],
  ['OpenVPN tls-auth key inline in a profile', 'client.ovpn', 'client\nremote vpn.acme-corp.net 1194\n<tls-auth>\n⟦-----BEGIN OpenVPN Static key V1-----\n{{gen:hex:32}}\n{{gen:hex:32}}\n{{gen:hex:32}}\n{{gen:hex:32}}\n-----END OpenVPN Static key V1-----⟧\n</tls-auth>\nkey-direction 1\n'],
  ['WinSCP.ini', 'WinSCP.ini', '[Sessions\\deploy@web01]\nHostName=web01.acme-corp.net\nUserName=deploy\nPassword=⟦A35C{{gen:HEX:60}}⟧\n'],
  ['sftp-config.json (Sublime SFTP)', 'sftp-config.json', '{\n    "type": "sftp",\n    "host": "web.acme-corp.net",\n    "user": "deploy",\n    "password": "⟦{{gen:alnum:16}}⟧",\n    "remote_path": "/var/www/"\n}\n'],
  ['.ftpconfig', '.ftpconfig', '{\n    "protocol": "sftp",\n    "host": "web.acme-corp.net",\n    "user": "deploy",\n    "pass": "⟦{{gen:alnum:16}}⟧"\n}\n'],
  ['wp-config.php DB_PASSWORD', 'wp-config.php', "<?php\ndefine( 'DB_NAME', 'wp' );\ndefine( 'DB_PASSWORD', '⟦{{gen:alnum:18}}⟧' );\n"],
  ['wp-config.php salts', 'wp-config.php', "<?php\ndefine('AUTH_KEY',         '⟦{{gen:set:ABCDEFabcdef0123456789!@#%^&*()-_[]<>~+=,.;:/?|:64}}⟧');\n"],
  ['Django settings SECRET_KEY', 'app/settings.py', "SECRET_KEY = '⟦{{gen:set:abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+):50}}⟧'\n"],
  ['Django DATABASES password', 'app/settings.py', "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'USER': 'app',\n        'PASSWORD': '⟦{{gen:alnum:18}}⟧',\n    }\n}\n"],
  ['Rails secrets.yml', 'config/secrets.yml', 'production:\n  secret_key_base: ⟦{{gen:hex:128}}⟧\n'],
  ['Rails database.yml', 'config/database.yml', 'production:\n  adapter: postgresql\n  username: app\n  password: ⟦{{gen:alnum:18}}⟧\n'],
  ['Rails master.key', 'config/master.key', '⟦{{gen:hex:32}}⟧\n'],
  ['Laravel .env APP_KEY', '.env', 'APP_NAME=Laravel\nAPP_KEY=⟦base64:{{gen:base64:43}}=⟧\n'],
  ['.env password', '.env.production', 'MAIL_PASSWORD=⟦{{gen:alnum:18}}⟧\n'],
  ['Jenkins credentials.xml', 'credentials.xml', '<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <id>deploy</id>\n  <username>deploy</username>\n  <password>⟦{AQAAABAAAAAQ{{gen:base64:44}}=}⟧</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n'],
  ['hub config oauth_token', '.config/hub', 'github.com:\n- user: alice\n  oauth_token: ⟦{{gen:hex:40}}⟧\n  protocol: https\n'],
  ['Robo 3T / Studio 3T connections', 'robo3t.json', '{"connections":[{"serverHost":"db.acme-corp.net","credentials":[{"userName":"admin","userPassword":"⟦{{gen:alnum:16}}⟧","databaseName":"admin"}]}]}\n'],
  ['DBeaver data-sources.json', '.dbeaver/data-sources.json', '{"connections":{"mysql8-1":{"configuration":{"host":"db","user":"root","password":"⟦{{gen:alnum:16}}⟧"}}}}\n'],
  ['kubeconfig token', '.kube/config', 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: ⟦{{gen:lowernum:40}}⟧\n'],
  ['kubeconfig password', '.kube/config', 'users:\n- name: admin\n  user:\n    username: admin\n    password: ⟦{{gen:alnum:16}}⟧\n'],
  ['Kubernetes .dockercfg block scalar', 'k8s/pull-secret.yaml', 'apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: |\n    ⟦{{gen:b64:{"registry.acme-corp.net":{"auth":"[[base64:28]]", "email":"ci@acme-corp.net"}}}}⟧\n'],
  ['terraform.tfstate password', 'terraform.tfstate', '{\n  "version": 4,\n  "resources": [{"type": "aws_db_instance", "instances": [{"attributes": {\n    "password": "⟦{{gen:alnum:18}}⟧",\n    "username": "admin"\n  }}]}]\n}\n'],
  ['terraform.tfvars', 'terraform.tfvars', 'db_password = "⟦{{gen:alnum:18}}⟧"\n'],
  ['Ansible inventory ansible_password', 'inventory/hosts.ini', '[web]\nweb01 ansible_host=10.0.0.5 ansible_user=deploy ansible_password=⟦{{gen:alnum:16}}⟧\n'],
  ['Ansible ansible_become_pass', 'group_vars/all.yml', 'ansible_user: deploy\nansible_become_pass: ⟦{{gen:alnum:16}}⟧\n'],
  ['Spring application.properties', 'src/main/resources/application.properties', 'spring.datasource.url=jdbc:mysql://db:3306/app\nspring.datasource.password=⟦{{gen:alnum:16}}⟧\n'],
  ['Spring application.yml', 'src/main/resources/application.yml', 'spring:\n  datasource:\n    username: app\n    password: ⟦{{gen:alnum:16}}⟧\n'],
  ['Jupyter notebook source string', 'analysis.ipynb', '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "import requests\\n",\n    "api_key = \\"⟦{{gen:alnum:32}}⟧\\"\\n"\n   ]\n  }\n ]\n}\n'],
  ['shell history mysql -p', '.bash_history', 'mysql -u root -p⟦{{gen:alnum:14}}⟧ -h db.acme-corp.net\n'],
  ['shell history sshpass -p', '.bash_history', "sshpass -p '⟦{{gen:alnum:14}}⟧' ssh root@10.0.0.5\n"],
  ['shell history export TOKEN=', '.zsh_history', ': 1700000000:0;export API_TOKEN=⟦{{gen:alnum:32}}⟧\n'],
  ['shell history curl -u', '.bash_history', 'curl -u admin:⟦{{gen:alnum:16}}⟧ https://api.acme-corp.net/v1/items\n'],
  ['shell history PGPASSWORD= psql', '.bash_history', 'PGPASSWORD=⟦{{gen:alnum:16}}⟧ psql -h db -U app\n'],
  ['.htpasswd apr1', '.htpasswd', 'admin:⟦$apr1${{gen:alnum:8}}${{gen:alnum:22}}⟧\n'],
  ['.htpasswd bcrypt', '.htpasswd', 'admin:⟦$2y$05${{gen:alnum:53}}⟧\n'],
  ['/etc/shadow sha512-crypt', 'etc/shadow', 'root:⟦$6${{gen:alnum:16}}${{gen:alnum:86}}⟧:19000:0:99999:7:::\n'],
  ['/etc/shadow yescrypt', 'etc/shadow', 'alice:⟦$y$j9T${{gen:alnum:22}}${{gen:alnum:43}}⟧:19500:0:99999:7:::\n'],
  ['PuTTY .ppk, unencrypted', 'id.ppk', 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAI{{gen:base64:39}}\n{{gen:base64:8}}\nPrivate-Lines: 1\n⟦AAAAI{{gen:base64:39}}⟧\nPrivate-MAC: {{gen:hex:64}}\n'],
  ['PEM RSA (PKCS#1)', 'id_rsa', '⟦{{gen:pem:rsa-pkcs1}}⟧\n'],
  ['PEM PKCS#8', 'key.pem', '⟦{{gen:pem:rsa}}⟧\n'],
  ['PEM EC (SEC1)', 'ec.key', '⟦{{gen:pem:ec-sec1}}⟧\n'],
  ['OpenSSH private key', '.ssh/id_ed25519', '⟦{{gen:pem:openssh}}⟧\n'],
  ['encrypted PEM (legacy Proc-Type)', 'key.pem', '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,{{gen:HEX:32}}\n\n⟦{{gen:base64:64}}⟧\n{{gen:base64:64}}\n{{gen:base64:64}}\n-----END RSA PRIVATE KEY-----\n'],
  ['encrypted PKCS#8', 'key.pem', '-----BEGIN ENCRYPTED PRIVATE KEY-----\n⟦MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI{{gen:base64:16}}⟧\n{{gen:base64:64}}\n{{gen:base64:64}}\n-----END ENCRYPTED PRIVATE KEY-----\n'],
  ['SSH2 encrypted private key', 'key', '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "rsa-key"\n⟦P2/56wAAA{{gen:base64:55}}⟧\n{{gen:base64:64}}\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n'],
  ['PGP private key block', 'secret.asc', '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n⟦lQOYBF{{gen:base64:58}}⟧\n{{gen:base64:64}}\n{{gen:base64:64}}\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----\n'],
  ['keystore password in Spring config', 'application.properties', 'server.ssl.key-store=classpath:keystore.p12\nserver.ssl.key-store-password=⟦{{gen:alnum:16}}⟧\n'],
  ['Kafka client truststore password', 'client.properties', 'ssl.truststore.location=/etc/kafka/truststore.jks\nssl.truststore.password=⟦{{gen:alnum:16}}⟧\n'],
  ['keytool -storepass', 'build.sh', 'keytool -importkeystore -srckeystore a.p12 -srcstorepass ⟦{{gen:alnum:14}}⟧ -destkeystore b.jks\n'],
  ['Windows unattend.xml', 'unattend.xml', '<AutoLogon>\n  <Password>\n    <Value>⟦{{gen:alnum:14}}⟧</Value>\n    <PlainText>true</PlainText>\n  </Password>\n</AutoLogon>\n'],
  ['Subversion auth cache', '.subversion/auth/svn.simple/0123', 'K 8\npassword\nV 16\n⟦{{gen:alnum:16}}⟧\nK 15\nsvn:realmstring\nV 30\n<https://svn.acme-corp.net:443> SVN\nEND\n'],
  ['wpa_supplicant.conf', 'etc/wpa_supplicant/wpa_supplicant.conf', 'network={\n  ssid="acme"\n  psk="⟦{{gen:alnum:8}}#{{gen:alnum:8}}⟧"\n}\n'],
  ['Postfix sasl_passwd', 'etc/postfix/sasl_passwd', '[smtp.acme-corp.net]:587 relay@acme-corp.net:⟦{{gen:alnum:16}}⟧\n'],
  ['redis.conf requirepass', 'redis.conf', 'requirepass ⟦{{gen:alnum:32}}⟧\n'],
  ['cloud-init chpasswd', 'user-data', '#cloud-config\nchpasswd:\n  list: |\n    root:⟦{{gen:alnum:14}}⟧\n  expire: false\n'],
  ['Tomcat tomcat-users.xml', 'conf/tomcat-users.xml', '<user username="admin" password="⟦{{gen:alnum:14}}⟧" roles="manager-gui"/>\n'],
  ['Hibernate hibernate.cfg.xml', 'hibernate.cfg.xml', '<property name="hibernate.connection.password">⟦{{gen:alnum:14}}⟧</property>\n'],
  ['SQL dump CREATE USER … PASSWORD', 'db/init.sql', "CREATE DATABASE app;\nCREATE USER app WITH ENCRYPTED PASSWORD '⟦{{gen:alnum:16}}⟧';\n"],
  ['SQL IDENTIFIED BY', 'db/grants.sql', "CREATE USER 'app'@'%' IDENTIFIED BY '⟦{{gen:alnum:14}}⟧';\n"],
  ['docker run -e in a script', 'run.sh', 'docker run -d -e POSTGRES_PASSWORD=⟦{{gen:alnum:16}}⟧ -p 5432:5432 postgres:16\n'],
  ['Group Policy Preferences cpassword', 'Groups.xml', '<User name="admin"><Properties action="U" cpassword="⟦{{gen:base64:43}}⟧" userName="admin"/></User>\n'],
];

const URIS: [string, string, string][] = [
  ['postgres://', 'config.yml', 'url: postgres://svc:⟦{{gen:alnum:16}}⟧@db.acme-corp.net:5432/app\n'],
  ['postgresql://', 'config.yml', 'url: postgresql://svc:⟦{{gen:alnum:16}}⟧@db.acme-corp.net/app\n'],
  ['mysql://', 'config.yml', 'url: mysql://svc:⟦{{gen:alnum:16}}⟧@db.acme-corp.net:3306/app\n'],
  ['mariadb://', 'config.yml', 'url: mariadb://svc:⟦{{gen:alnum:16}}⟧@db.acme-corp.net/app\n'],
  ['mongodb://', 'app.js', 'mongoose.connect("mongodb://admin:⟦{{gen:alnum:16}}⟧@a.acme-corp.net:27017,b.acme-corp.net:27017/app?replicaSet=rs0")\n'],
  ['mongodb+srv://', 'config.yml', 'url: mongodb+srv://svc:⟦{{gen:alnum:16}}⟧@cluster0.abcde.mongodb.net/app\n'],
  ['redis://', '.env', 'REDIS_URL=redis://:⟦{{gen:alnum:24}}⟧@cache.acme-corp.net:6379/0\n'],
  ['rediss://', 'app.py', 'r = redis.from_url("rediss://default:⟦{{gen:alnum:32}}⟧@cache.acme-corp.net:6380")\n'],
  ['amqp://', 'config.yml', 'url: amqp://svc:⟦{{gen:alnum:16}}⟧@mq.acme-corp.net:5672/vhost\n'],
  ['amqps://', 'config.yml', 'url: amqps://svc:⟦{{gen:alnum:16}}⟧@mq.acme-corp.net:5671/vhost\n'],
  ['mssql://', 'config.yml', 'url: mssql://sa:⟦{{gen:alnum:16}}⟧@db.acme-corp.net:1433/app\n'],
  ['sqlserver:// JDBC ;password=', 'app.properties', 'db.url=jdbc:sqlserver://db.acme-corp.net:1433;databaseName=app;user=sa;password=⟦{{gen:alnum:16}}⟧;encrypt=true\n'],
  ['JDBC ?password=', 'app.properties', 'db.url=jdbc:postgresql://db:5432/app?user=app&password=⟦{{gen:alnum:16}}⟧&ssl=true\n'],
  ['ODBC Pwd=', 'web.config', '<add name="Db" connectionString="Driver={ODBC Driver 17 for SQL Server};Server=db;Database=app;Uid=sa;Pwd=⟦{{gen:alnum:16}}⟧;" />\n'],
  ['ADO.NET Password=', 'appsettings.json', '{"ConnectionStrings":{"Default":"Server=db.acme-corp.net;Database=app;User Id=sa;Password=⟦{{gen:alnum:16}}⟧;"}}\n'],
  ['ldap://', 'config.yml', 'url: ldap://cn=admin:⟦{{gen:alnum:16}}⟧@ldap.acme-corp.net\n'],
  ['ldaps://', 'config.yml', 'url: ldaps://svc:⟦{{gen:alnum:16}}⟧@ldap.acme-corp.net:636\n'],
  ['ftp://', 'deploy.sh', 'curl -T dist.tgz ftp://deploy:⟦{{gen:alnum:16}}⟧@ftp.acme-corp.net/upload/\n'],
  ['sftp://', 'config.yml', 'url: sftp://deploy:⟦{{gen:alnum:16}}⟧@files.acme-corp.net:22/in\n'],
  ['smtp://', 'settings.py', 'EMAIL_URL = "smtp://mailer:⟦{{gen:alnum:16}}⟧@smtp.acme-corp.net:587"\n'],
  ['smtps:// with an e-mail user', 'settings.py', 'EMAIL_URL = "smtps://mailer@acme-corp.net:⟦{{gen:alnum:16}}⟧@smtp.acme-corp.net:465"\n'],
  ['https:// basic auth', 'README.md', 'git clone https://deploy:⟦{{gen:alnum:20}}⟧@git.acme-corp.net/acme/app.git\n'],
  ['http:// proxy', '.bashrc', 'export http_proxy=http://svc_proxy:⟦{{gen:alnum:16}}⟧@proxy.acme-corp.net:3128\n'],
  ['JSON-escaped https:\\/\\/', 'composer.json', '{"url":"https:\\/\\/deploy:⟦{{gen:alnum:20}}⟧@repo.acme-corp.net\\/packages.json"}\n'],
  ['libpq keyword DSN', 'main.go', 'db, err := sql.Open("postgres", "host=db user=app password=⟦{{gen:alnum:16}}⟧ dbname=app sslmode=require")\n'],
  ['Go MySQL DSN', 'main.go', 'db, err := sql.Open("mysql", "app:⟦{{gen:alnum:16}}⟧@tcp(db:3306)/app")\n'],
  ['Oracle user/password@', 'migrate.sh', 'sqlplus -s app/⟦{{gen:alnum:14}}⟧@//db.acme-corp.net:1521/ORCLPDB1 @migrate.sql\n'],
  ['API key in a query string', 'fetch.py', 'r = requests.get("https://api.acme-corp.net/v1/quotes?symbol=ACME&api_key=⟦{{gen:alnum:32}}⟧")\n'],
  ['percent-encoded password', 'config.json', '{"url": "postgres://app:⟦{{gen:alnum:10}}%40{{gen:alnum:6}}⟧@db.acme-corp.net/app"}\n'],
];

/** Expands the generators, strips the markers, and returns the text and the secret's 1-based line. */
function prepare(name: string, template: string): { text: string; line: number } {
  const expanded = expandExample(template, `credential-files:${name}`);
  const open = expanded.indexOf('⟦');
  assert.ok(open >= 0 && expanded.includes('⟧'), `${name}: mark the secret with ⟦…⟧`);
  const line = expanded.slice(0, open).split('\n').length;
  return { text: expanded.replace('⟦', '').replace('⟧', ''), line };
}

for (const [title, table] of [['credential files', FILES], ['connection strings and URIs', URIS]] as const) {
  describe(title, () => {
    for (const [name, path, template] of table) {
      it(`${name} (${path})`, () => {
        const { text, line } = prepare(name, template);
        const findings = detectWithDecoding({ text, path }, ruleSet);
        const onLine = findings.filter((f) => f.line <= line && line <= f.endLine);
        assert.ok(onLine.length > 0, `${name}: nothing reported on line ${line}; findings: [${findings.map((f) => `${f.ruleId}@${f.line}`).join(', ')}]`);
      });
    }
  });
}

describe('.netrc entries', () => {
  it('are read where a `machine` starts them, not as a `default password` anywhere in a file that says machine', () => {
    // netrc-password runs within 4 KB after its keywords (rules/dotfiles.yaml), not over the whole file.
    const text = `# a state machine diagram\n${'// prose that names no host at all\n'.repeat(120)}default password ${gen('{{gen:alnum:12}}')}\n`;
    assert.deepEqual(detectWithDecoding({ text, path: 'notes.txt' }, ruleSet).map((f) => f.ruleId), []);
  });
});
