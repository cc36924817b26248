import { createRequire as __kwCreateRequire } from 'node:module'; const require = __kwCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/braces/lib/utils.js
var require_utils = __commonJS({
  "node_modules/braces/lib/utils.js"(exports) {
    "use strict";
    exports.isInteger = (num) => {
      if (typeof num === "number") {
        return Number.isInteger(num);
      }
      if (typeof num === "string" && num.trim() !== "") {
        return Number.isInteger(Number(num));
      }
      return false;
    };
    exports.find = (node, type) => node.nodes.find((node2) => node2.type === type);
    exports.exceedsLimit = (min, max, step = 1, limit) => {
      if (limit === false) return false;
      if (!exports.isInteger(min) || !exports.isInteger(max)) return false;
      return (Number(max) - Number(min)) / Number(step) >= limit;
    };
    exports.escapeNode = (block, n = 0, type) => {
      const node = block.nodes[n];
      if (!node) return;
      if (type && node.type === type || node.type === "open" || node.type === "close") {
        if (node.escaped !== true) {
          node.value = "\\" + node.value;
          node.escaped = true;
        }
      }
    };
    exports.encloseBrace = (node) => {
      if (node.type !== "brace") return false;
      if (node.commas >> 0 + node.ranges >> 0 === 0) {
        node.invalid = true;
        return true;
      }
      return false;
    };
    exports.isInvalidBrace = (block) => {
      if (block.type !== "brace") return false;
      if (block.invalid === true || block.dollar) return true;
      if (block.commas >> 0 + block.ranges >> 0 === 0) {
        block.invalid = true;
        return true;
      }
      if (block.open !== true || block.close !== true) {
        block.invalid = true;
        return true;
      }
      return false;
    };
    exports.isOpenOrClose = (node) => {
      if (node.type === "open" || node.type === "close") {
        return true;
      }
      return node.open === true || node.close === true;
    };
    exports.reduce = (nodes) => nodes.reduce((acc, node) => {
      if (node.type === "text") acc.push(node.value);
      if (node.type === "range") node.type = "text";
      return acc;
    }, []);
    exports.flatten = (...args) => {
      const result = [];
      const flat = (arr) => {
        for (let i = 0; i < arr.length; i++) {
          const ele = arr[i];
          if (Array.isArray(ele)) {
            flat(ele);
            continue;
          }
          if (ele !== void 0) {
            result.push(ele);
          }
        }
        return result;
      };
      flat(args);
      return result;
    };
  }
});

// node_modules/braces/lib/stringify.js
var require_stringify = __commonJS({
  "node_modules/braces/lib/stringify.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    module.exports = (ast, options = {}) => {
      const stringify = (node, parent = {}) => {
        const invalidBlock = options.escapeInvalid && utils.isInvalidBrace(parent);
        const invalidNode = node.invalid === true && options.escapeInvalid === true;
        let output = "";
        if (node.value) {
          if ((invalidBlock || invalidNode) && utils.isOpenOrClose(node)) {
            return "\\" + node.value;
          }
          return node.value;
        }
        if (node.value) {
          return node.value;
        }
        if (node.nodes) {
          for (const child of node.nodes) {
            output += stringify(child);
          }
        }
        return output;
      };
      return stringify(ast);
    };
  }
});

// node_modules/is-number/index.js
var require_is_number = __commonJS({
  "node_modules/is-number/index.js"(exports, module) {
    "use strict";
    module.exports = function(num) {
      if (typeof num === "number") {
        return num - num === 0;
      }
      if (typeof num === "string" && num.trim() !== "") {
        return Number.isFinite ? Number.isFinite(+num) : isFinite(+num);
      }
      return false;
    };
  }
});

// node_modules/to-regex-range/index.js
var require_to_regex_range = __commonJS({
  "node_modules/to-regex-range/index.js"(exports, module) {
    "use strict";
    var isNumber = require_is_number();
    var toRegexRange = (min, max, options) => {
      if (isNumber(min) === false) {
        throw new TypeError("toRegexRange: expected the first argument to be a number");
      }
      if (max === void 0 || min === max) {
        return String(min);
      }
      if (isNumber(max) === false) {
        throw new TypeError("toRegexRange: expected the second argument to be a number.");
      }
      let opts = { relaxZeros: true, ...options };
      if (typeof opts.strictZeros === "boolean") {
        opts.relaxZeros = opts.strictZeros === false;
      }
      let relax = String(opts.relaxZeros);
      let shorthand = String(opts.shorthand);
      let capture = String(opts.capture);
      let wrap = String(opts.wrap);
      let cacheKey = min + ":" + max + "=" + relax + shorthand + capture + wrap;
      if (toRegexRange.cache.hasOwnProperty(cacheKey)) {
        return toRegexRange.cache[cacheKey].result;
      }
      let a = Math.min(min, max);
      let b = Math.max(min, max);
      if (Math.abs(a - b) === 1) {
        let result = min + "|" + max;
        if (opts.capture) {
          return `(${result})`;
        }
        if (opts.wrap === false) {
          return result;
        }
        return `(?:${result})`;
      }
      let isPadded = hasPadding(min) || hasPadding(max);
      let state = { min, max, a, b };
      let positives = [];
      let negatives = [];
      if (isPadded) {
        state.isPadded = isPadded;
        state.maxLen = String(state.max).length;
      }
      if (a < 0) {
        let newMin = b < 0 ? Math.abs(b) : 1;
        negatives = splitToPatterns(newMin, Math.abs(a), state, opts);
        a = state.a = 0;
      }
      if (b >= 0) {
        positives = splitToPatterns(a, b, state, opts);
      }
      state.negatives = negatives;
      state.positives = positives;
      state.result = collatePatterns(negatives, positives, opts);
      if (opts.capture === true) {
        state.result = `(${state.result})`;
      } else if (opts.wrap !== false && positives.length + negatives.length > 1) {
        state.result = `(?:${state.result})`;
      }
      toRegexRange.cache[cacheKey] = state;
      return state.result;
    };
    function collatePatterns(neg, pos, options) {
      let onlyNegative = filterPatterns(neg, pos, "-", false, options) || [];
      let onlyPositive = filterPatterns(pos, neg, "", false, options) || [];
      let intersected = filterPatterns(neg, pos, "-?", true, options) || [];
      let subpatterns = onlyNegative.concat(intersected).concat(onlyPositive);
      return subpatterns.join("|");
    }
    function splitToRanges(min, max) {
      let nines = 1;
      let zeros = 1;
      let stop = countNines(min, nines);
      let stops = /* @__PURE__ */ new Set([max]);
      while (min <= stop && stop <= max) {
        stops.add(stop);
        nines += 1;
        stop = countNines(min, nines);
      }
      stop = countZeros(max + 1, zeros) - 1;
      while (min < stop && stop <= max) {
        stops.add(stop);
        zeros += 1;
        stop = countZeros(max + 1, zeros) - 1;
      }
      stops = [...stops];
      stops.sort(compare);
      return stops;
    }
    function rangeToPattern(start, stop, options) {
      if (start === stop) {
        return { pattern: start, count: [], digits: 0 };
      }
      let zipped = zip(start, stop);
      let digits = zipped.length;
      let pattern = "";
      let count = 0;
      for (let i = 0; i < digits; i++) {
        let [startDigit, stopDigit] = zipped[i];
        if (startDigit === stopDigit) {
          pattern += startDigit;
        } else if (startDigit !== "0" || stopDigit !== "9") {
          pattern += toCharacterClass(startDigit, stopDigit, options);
        } else {
          count++;
        }
      }
      if (count) {
        pattern += options.shorthand === true ? "\\d" : "[0-9]";
      }
      return { pattern, count: [count], digits };
    }
    function splitToPatterns(min, max, tok, options) {
      let ranges = splitToRanges(min, max);
      let tokens = [];
      let start = min;
      let prev;
      for (let i = 0; i < ranges.length; i++) {
        let max2 = ranges[i];
        let obj = rangeToPattern(String(start), String(max2), options);
        let zeros = "";
        if (!tok.isPadded && prev && prev.pattern === obj.pattern) {
          if (prev.count.length > 1) {
            prev.count.pop();
          }
          prev.count.push(obj.count[0]);
          prev.string = prev.pattern + toQuantifier(prev.count);
          start = max2 + 1;
          continue;
        }
        if (tok.isPadded) {
          zeros = padZeros(max2, tok, options);
        }
        obj.string = zeros + obj.pattern + toQuantifier(obj.count);
        tokens.push(obj);
        start = max2 + 1;
        prev = obj;
      }
      return tokens;
    }
    function filterPatterns(arr, comparison, prefix, intersection, options) {
      let result = [];
      for (let ele of arr) {
        let { string } = ele;
        if (!intersection && !contains(comparison, "string", string)) {
          result.push(prefix + string);
        }
        if (intersection && contains(comparison, "string", string)) {
          result.push(prefix + string);
        }
      }
      return result;
    }
    function zip(a, b) {
      let arr = [];
      for (let i = 0; i < a.length; i++) arr.push([a[i], b[i]]);
      return arr;
    }
    function compare(a, b) {
      return a > b ? 1 : b > a ? -1 : 0;
    }
    function contains(arr, key, val) {
      return arr.some((ele) => ele[key] === val);
    }
    function countNines(min, len) {
      return Number(String(min).slice(0, -len) + "9".repeat(len));
    }
    function countZeros(integer, zeros) {
      return integer - integer % Math.pow(10, zeros);
    }
    function toQuantifier(digits) {
      let [start = 0, stop = ""] = digits;
      if (stop || start > 1) {
        return `{${start + (stop ? "," + stop : "")}}`;
      }
      return "";
    }
    function toCharacterClass(a, b, options) {
      return `[${a}${b - a === 1 ? "" : "-"}${b}]`;
    }
    function hasPadding(str) {
      return /^-?(0+)\d/.test(str);
    }
    function padZeros(value, tok, options) {
      if (!tok.isPadded) {
        return value;
      }
      let diff = Math.abs(tok.maxLen - String(value).length);
      let relax = options.relaxZeros !== false;
      switch (diff) {
        case 0:
          return "";
        case 1:
          return relax ? "0?" : "0";
        case 2:
          return relax ? "0{0,2}" : "00";
        default: {
          return relax ? `0{0,${diff}}` : `0{${diff}}`;
        }
      }
    }
    toRegexRange.cache = {};
    toRegexRange.clearCache = () => toRegexRange.cache = {};
    module.exports = toRegexRange;
  }
});

// node_modules/fill-range/index.js
var require_fill_range = __commonJS({
  "node_modules/fill-range/index.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var toRegexRange = require_to_regex_range();
    var isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    var transform = (toNumber) => {
      return (value) => toNumber === true ? Number(value) : String(value);
    };
    var isValidValue = (value) => {
      return typeof value === "number" || typeof value === "string" && value !== "";
    };
    var isNumber = (num) => Number.isInteger(+num);
    var zeros = (input) => {
      let value = `${input}`;
      let index = -1;
      if (value[0] === "-") value = value.slice(1);
      if (value === "0") return false;
      while (value[++index] === "0") ;
      return index > 0;
    };
    var stringify = (start, end, options) => {
      if (typeof start === "string" || typeof end === "string") {
        return true;
      }
      return options.stringify === true;
    };
    var pad = (input, maxLength, toNumber) => {
      if (maxLength > 0) {
        let dash = input[0] === "-" ? "-" : "";
        if (dash) input = input.slice(1);
        input = dash + input.padStart(dash ? maxLength - 1 : maxLength, "0");
      }
      if (toNumber === false) {
        return String(input);
      }
      return input;
    };
    var toMaxLen = (input, maxLength) => {
      let negative = input[0] === "-" ? "-" : "";
      if (negative) {
        input = input.slice(1);
        maxLength--;
      }
      while (input.length < maxLength) input = "0" + input;
      return negative ? "-" + input : input;
    };
    var toSequence = (parts, options, maxLen) => {
      parts.negatives.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
      parts.positives.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
      let prefix = options.capture ? "" : "?:";
      let positives = "";
      let negatives = "";
      let result;
      if (parts.positives.length) {
        positives = parts.positives.map((v) => toMaxLen(String(v), maxLen)).join("|");
      }
      if (parts.negatives.length) {
        negatives = `-(${prefix}${parts.negatives.map((v) => toMaxLen(String(v), maxLen)).join("|")})`;
      }
      if (positives && negatives) {
        result = `${positives}|${negatives}`;
      } else {
        result = positives || negatives;
      }
      if (options.wrap) {
        return `(${prefix}${result})`;
      }
      return result;
    };
    var toRange = (a, b, isNumbers, options) => {
      if (isNumbers) {
        return toRegexRange(a, b, { wrap: false, ...options });
      }
      let start = String.fromCharCode(a);
      if (a === b) return start;
      let stop = String.fromCharCode(b);
      return `[${start}-${stop}]`;
    };
    var toRegex = (start, end, options) => {
      if (Array.isArray(start)) {
        let wrap = options.wrap === true;
        let prefix = options.capture ? "" : "?:";
        return wrap ? `(${prefix}${start.join("|")})` : start.join("|");
      }
      return toRegexRange(start, end, options);
    };
    var rangeError = (...args) => {
      return new RangeError("Invalid range arguments: " + util.inspect(...args));
    };
    var invalidRange = (start, end, options) => {
      if (options.strictRanges === true) throw rangeError([start, end]);
      return [];
    };
    var invalidStep = (step, options) => {
      if (options.strictRanges === true) {
        throw new TypeError(`Expected step "${step}" to be a number`);
      }
      return [];
    };
    var fillNumbers = (start, end, step = 1, options = {}) => {
      let a = Number(start);
      let b = Number(end);
      if (!Number.isInteger(a) || !Number.isInteger(b)) {
        if (options.strictRanges === true) throw rangeError([start, end]);
        return [];
      }
      if (a === 0) a = 0;
      if (b === 0) b = 0;
      let descending = a > b;
      let startString = String(start);
      let endString = String(end);
      let stepString = String(step);
      step = Math.max(Math.abs(step), 1);
      let padded = zeros(startString) || zeros(endString) || zeros(stepString);
      let maxLen = padded ? Math.max(startString.length, endString.length, stepString.length) : 0;
      let toNumber = padded === false && stringify(start, end, options) === false;
      let format = options.transform || transform(toNumber);
      if (options.toRegex && step === 1) {
        return toRange(toMaxLen(start, maxLen), toMaxLen(end, maxLen), true, options);
      }
      let parts = { negatives: [], positives: [] };
      let push = (num) => parts[num < 0 ? "negatives" : "positives"].push(Math.abs(num));
      let range = [];
      let index = 0;
      while (descending ? a >= b : a <= b) {
        if (options.toRegex === true && step > 1) {
          push(a);
        } else {
          range.push(pad(format(a, index), maxLen, toNumber));
        }
        a = descending ? a - step : a + step;
        index++;
      }
      if (options.toRegex === true) {
        return step > 1 ? toSequence(parts, options, maxLen) : toRegex(range, null, { wrap: false, ...options });
      }
      return range;
    };
    var fillLetters = (start, end, step = 1, options = {}) => {
      if (!isNumber(start) && start.length > 1 || !isNumber(end) && end.length > 1) {
        return invalidRange(start, end, options);
      }
      let format = options.transform || ((val) => String.fromCharCode(val));
      let a = `${start}`.charCodeAt(0);
      let b = `${end}`.charCodeAt(0);
      let descending = a > b;
      let min = Math.min(a, b);
      let max = Math.max(a, b);
      if (options.toRegex && step === 1) {
        return toRange(min, max, false, options);
      }
      let range = [];
      let index = 0;
      while (descending ? a >= b : a <= b) {
        range.push(format(a, index));
        a = descending ? a - step : a + step;
        index++;
      }
      if (options.toRegex === true) {
        return toRegex(range, null, { wrap: false, options });
      }
      return range;
    };
    var fill = (start, end, step, options = {}) => {
      if (end == null && isValidValue(start)) {
        return [start];
      }
      if (!isValidValue(start) || !isValidValue(end)) {
        return invalidRange(start, end, options);
      }
      if (typeof step === "function") {
        return fill(start, end, 1, { transform: step });
      }
      if (isObject(step)) {
        return fill(start, end, 0, step);
      }
      let opts = { ...options };
      if (opts.capture === true) opts.wrap = true;
      step = step || opts.step || 1;
      if (!isNumber(step)) {
        if (step != null && !isObject(step)) return invalidStep(step, opts);
        return fill(start, end, 1, step);
      }
      if (isNumber(start) && isNumber(end)) {
        return fillNumbers(start, end, step, opts);
      }
      return fillLetters(start, end, Math.max(Math.abs(step), 1), opts);
    };
    module.exports = fill;
  }
});

// node_modules/braces/lib/compile.js
var require_compile = __commonJS({
  "node_modules/braces/lib/compile.js"(exports, module) {
    "use strict";
    var fill = require_fill_range();
    var utils = require_utils();
    var compile = (ast, options = {}) => {
      const walk = (node, parent = {}) => {
        const invalidBlock = utils.isInvalidBrace(parent);
        const invalidNode = node.invalid === true && options.escapeInvalid === true;
        const invalid = invalidBlock === true || invalidNode === true;
        const prefix = options.escapeInvalid === true ? "\\" : "";
        let output = "";
        if (node.isOpen === true) {
          return prefix + node.value;
        }
        if (node.isClose === true) {
          console.log("node.isClose", prefix, node.value);
          return prefix + node.value;
        }
        if (node.type === "open") {
          return invalid ? prefix + node.value : "(";
        }
        if (node.type === "close") {
          return invalid ? prefix + node.value : ")";
        }
        if (node.type === "comma") {
          return node.prev.type === "comma" ? "" : invalid ? node.value : "|";
        }
        if (node.value) {
          return node.value;
        }
        if (node.nodes && node.ranges > 0) {
          const args = utils.reduce(node.nodes);
          const range = fill(...args, { ...options, wrap: false, toRegex: true, strictZeros: true });
          if (range.length !== 0) {
            return args.length > 1 && range.length > 1 ? `(${range})` : range;
          }
        }
        if (node.nodes) {
          for (const child of node.nodes) {
            output += walk(child, node);
          }
        }
        return output;
      };
      return walk(ast);
    };
    module.exports = compile;
  }
});

// node_modules/braces/lib/expand.js
var require_expand = __commonJS({
  "node_modules/braces/lib/expand.js"(exports, module) {
    "use strict";
    var fill = require_fill_range();
    var stringify = require_stringify();
    var utils = require_utils();
    var append = (queue = "", stash = "", enclose = false) => {
      const result = [];
      queue = [].concat(queue);
      stash = [].concat(stash);
      if (!stash.length) return queue;
      if (!queue.length) {
        return enclose ? utils.flatten(stash).map((ele) => `{${ele}}`) : stash;
      }
      for (const item of queue) {
        if (Array.isArray(item)) {
          for (const value of item) {
            result.push(append(value, stash, enclose));
          }
        } else {
          for (let ele of stash) {
            if (enclose === true && typeof ele === "string") ele = `{${ele}}`;
            result.push(Array.isArray(ele) ? append(item, ele, enclose) : item + ele);
          }
        }
      }
      return utils.flatten(result);
    };
    var expand = (ast, options = {}) => {
      const rangeLimit = options.rangeLimit === void 0 ? 1e3 : options.rangeLimit;
      const walk = (node, parent = {}) => {
        node.queue = [];
        let p = parent;
        let q = parent.queue;
        while (p.type !== "brace" && p.type !== "root" && p.parent) {
          p = p.parent;
          q = p.queue;
        }
        if (node.invalid || node.dollar) {
          q.push(append(q.pop(), stringify(node, options)));
          return;
        }
        if (node.type === "brace" && node.invalid !== true && node.nodes.length === 2) {
          q.push(append(q.pop(), ["{}"]));
          return;
        }
        if (node.nodes && node.ranges > 0) {
          const args = utils.reduce(node.nodes);
          if (utils.exceedsLimit(...args, options.step, rangeLimit)) {
            throw new RangeError("expanded array length exceeds range limit. Use options.rangeLimit to increase or disable the limit.");
          }
          let range = fill(...args, options);
          if (range.length === 0) {
            range = stringify(node, options);
          }
          q.push(append(q.pop(), range));
          node.nodes = [];
          return;
        }
        const enclose = utils.encloseBrace(node);
        let queue = node.queue;
        let block = node;
        while (block.type !== "brace" && block.type !== "root" && block.parent) {
          block = block.parent;
          queue = block.queue;
        }
        for (let i = 0; i < node.nodes.length; i++) {
          const child = node.nodes[i];
          if (child.type === "comma" && node.type === "brace") {
            if (i === 1) queue.push("");
            queue.push("");
            continue;
          }
          if (child.type === "close") {
            q.push(append(q.pop(), queue, enclose));
            continue;
          }
          if (child.value && child.type !== "open") {
            queue.push(append(queue.pop(), child.value));
            continue;
          }
          if (child.nodes) {
            walk(child, node);
          }
        }
        return queue;
      };
      return utils.flatten(walk(ast));
    };
    module.exports = expand;
  }
});

// node_modules/braces/lib/constants.js
var require_constants = __commonJS({
  "node_modules/braces/lib/constants.js"(exports, module) {
    "use strict";
    module.exports = {
      MAX_LENGTH: 1e4,
      // Digits
      CHAR_0: "0",
      /* 0 */
      CHAR_9: "9",
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: "A",
      /* A */
      CHAR_LOWERCASE_A: "a",
      /* a */
      CHAR_UPPERCASE_Z: "Z",
      /* Z */
      CHAR_LOWERCASE_Z: "z",
      /* z */
      CHAR_LEFT_PARENTHESES: "(",
      /* ( */
      CHAR_RIGHT_PARENTHESES: ")",
      /* ) */
      CHAR_ASTERISK: "*",
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: "&",
      /* & */
      CHAR_AT: "@",
      /* @ */
      CHAR_BACKSLASH: "\\",
      /* \ */
      CHAR_BACKTICK: "`",
      /* ` */
      CHAR_CARRIAGE_RETURN: "\r",
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: "^",
      /* ^ */
      CHAR_COLON: ":",
      /* : */
      CHAR_COMMA: ",",
      /* , */
      CHAR_DOLLAR: "$",
      /* . */
      CHAR_DOT: ".",
      /* . */
      CHAR_DOUBLE_QUOTE: '"',
      /* " */
      CHAR_EQUAL: "=",
      /* = */
      CHAR_EXCLAMATION_MARK: "!",
      /* ! */
      CHAR_FORM_FEED: "\f",
      /* \f */
      CHAR_FORWARD_SLASH: "/",
      /* / */
      CHAR_HASH: "#",
      /* # */
      CHAR_HYPHEN_MINUS: "-",
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: "<",
      /* < */
      CHAR_LEFT_CURLY_BRACE: "{",
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: "[",
      /* [ */
      CHAR_LINE_FEED: "\n",
      /* \n */
      CHAR_NO_BREAK_SPACE: "\xA0",
      /* \u00A0 */
      CHAR_PERCENT: "%",
      /* % */
      CHAR_PLUS: "+",
      /* + */
      CHAR_QUESTION_MARK: "?",
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: ">",
      /* > */
      CHAR_RIGHT_CURLY_BRACE: "}",
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: "]",
      /* ] */
      CHAR_SEMICOLON: ";",
      /* ; */
      CHAR_SINGLE_QUOTE: "'",
      /* ' */
      CHAR_SPACE: " ",
      /*   */
      CHAR_TAB: "	",
      /* \t */
      CHAR_UNDERSCORE: "_",
      /* _ */
      CHAR_VERTICAL_LINE: "|",
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: "\uFEFF"
      /* \uFEFF */
    };
  }
});

// node_modules/braces/lib/parse.js
var require_parse = __commonJS({
  "node_modules/braces/lib/parse.js"(exports, module) {
    "use strict";
    var stringify = require_stringify();
    var {
      MAX_LENGTH,
      CHAR_BACKSLASH,
      /* \ */
      CHAR_BACKTICK,
      /* ` */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_RIGHT_SQUARE_BRACKET,
      /* ] */
      CHAR_DOUBLE_QUOTE,
      /* " */
      CHAR_SINGLE_QUOTE,
      /* ' */
      CHAR_NO_BREAK_SPACE,
      CHAR_ZERO_WIDTH_NOBREAK_SPACE
    } = require_constants();
    var parse = (input, options = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      const opts = options || {};
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      if (input.length > max) {
        throw new SyntaxError(`Input length (${input.length}), exceeds max characters (${max})`);
      }
      const ast = { type: "root", input, nodes: [] };
      const stack = [ast];
      let block = ast;
      let prev = ast;
      let brackets = 0;
      const length = input.length;
      let index = 0;
      let depth = 0;
      let value;
      const advance = () => input[index++];
      const push = (node) => {
        if (node.type === "text" && prev.type === "dot") {
          prev.type = "text";
        }
        if (prev && prev.type === "text" && node.type === "text") {
          prev.value += node.value;
          return;
        }
        block.nodes.push(node);
        node.parent = block;
        node.prev = prev;
        prev = node;
        return node;
      };
      push({ type: "bos" });
      while (index < length) {
        block = stack[stack.length - 1];
        value = advance();
        if (value === CHAR_ZERO_WIDTH_NOBREAK_SPACE || value === CHAR_NO_BREAK_SPACE) {
          continue;
        }
        if (value === CHAR_BACKSLASH) {
          push({ type: "text", value: (options.keepEscaping ? value : "") + advance() });
          continue;
        }
        if (value === CHAR_RIGHT_SQUARE_BRACKET) {
          push({ type: "text", value: "\\" + value });
          continue;
        }
        if (value === CHAR_LEFT_SQUARE_BRACKET) {
          brackets++;
          let next;
          while (index < length && (next = advance())) {
            value += next;
            if (next === CHAR_LEFT_SQUARE_BRACKET) {
              brackets++;
              continue;
            }
            if (next === CHAR_BACKSLASH) {
              value += advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              brackets--;
              if (brackets === 0) {
                break;
              }
            }
          }
          push({ type: "text", value });
          continue;
        }
        if (value === CHAR_LEFT_PARENTHESES) {
          block = push({ type: "paren", nodes: [] });
          stack.push(block);
          push({ type: "text", value });
          continue;
        }
        if (value === CHAR_RIGHT_PARENTHESES) {
          if (block.type !== "paren") {
            push({ type: "text", value });
            continue;
          }
          block = stack.pop();
          push({ type: "text", value });
          block = stack[stack.length - 1];
          continue;
        }
        if (value === CHAR_DOUBLE_QUOTE || value === CHAR_SINGLE_QUOTE || value === CHAR_BACKTICK) {
          const open = value;
          let next;
          if (options.keepQuotes !== true) {
            value = "";
          }
          while (index < length && (next = advance())) {
            if (next === CHAR_BACKSLASH) {
              value += next + advance();
              continue;
            }
            if (next === open) {
              if (options.keepQuotes === true) value += next;
              break;
            }
            value += next;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === CHAR_LEFT_CURLY_BRACE) {
          depth++;
          const dollar = prev.value && prev.value.slice(-1) === "$" || block.dollar === true;
          const brace = {
            type: "brace",
            open: true,
            close: false,
            dollar,
            depth,
            commas: 0,
            ranges: 0,
            nodes: []
          };
          block = push(brace);
          stack.push(block);
          push({ type: "open", value });
          continue;
        }
        if (value === CHAR_RIGHT_CURLY_BRACE) {
          if (block.type !== "brace") {
            push({ type: "text", value });
            continue;
          }
          const type = "close";
          block = stack.pop();
          block.close = true;
          push({ type, value });
          depth--;
          block = stack[stack.length - 1];
          continue;
        }
        if (value === CHAR_COMMA && depth > 0) {
          if (block.ranges > 0) {
            block.ranges = 0;
            const open = block.nodes.shift();
            block.nodes = [open, { type: "text", value: stringify(block) }];
          }
          push({ type: "comma", value });
          block.commas++;
          continue;
        }
        if (value === CHAR_DOT && depth > 0 && block.commas === 0) {
          const siblings = block.nodes;
          if (depth === 0 || siblings.length === 0) {
            push({ type: "text", value });
            continue;
          }
          if (prev.type === "dot") {
            block.range = [];
            prev.value += value;
            prev.type = "range";
            if (block.nodes.length !== 3 && block.nodes.length !== 5) {
              block.invalid = true;
              block.ranges = 0;
              prev.type = "text";
              continue;
            }
            block.ranges++;
            block.args = [];
            continue;
          }
          if (prev.type === "range") {
            siblings.pop();
            const before = siblings[siblings.length - 1];
            before.value += prev.value + value;
            prev = before;
            block.ranges--;
            continue;
          }
          push({ type: "dot", value });
          continue;
        }
        push({ type: "text", value });
      }
      do {
        block = stack.pop();
        if (block.type !== "root") {
          block.nodes.forEach((node) => {
            if (!node.nodes) {
              if (node.type === "open") node.isOpen = true;
              if (node.type === "close") node.isClose = true;
              if (!node.nodes) node.type = "text";
              node.invalid = true;
            }
          });
          const parent = stack[stack.length - 1];
          const index2 = parent.nodes.indexOf(block);
          parent.nodes.splice(index2, 1, ...block.nodes);
        }
      } while (stack.length > 0);
      push({ type: "eos" });
      return ast;
    };
    module.exports = parse;
  }
});

// node_modules/braces/index.js
var require_braces = __commonJS({
  "node_modules/braces/index.js"(exports, module) {
    "use strict";
    var stringify = require_stringify();
    var compile = require_compile();
    var expand = require_expand();
    var parse = require_parse();
    var braces = (input, options = {}) => {
      let output = [];
      if (Array.isArray(input)) {
        for (const pattern of input) {
          const result = braces.create(pattern, options);
          if (Array.isArray(result)) {
            output.push(...result);
          } else {
            output.push(result);
          }
        }
      } else {
        output = [].concat(braces.create(input, options));
      }
      if (options && options.expand === true && options.nodupes === true) {
        output = [...new Set(output)];
      }
      return output;
    };
    braces.parse = (input, options = {}) => parse(input, options);
    braces.stringify = (input, options = {}) => {
      if (typeof input === "string") {
        return stringify(braces.parse(input, options), options);
      }
      return stringify(input, options);
    };
    braces.compile = (input, options = {}) => {
      if (typeof input === "string") {
        input = braces.parse(input, options);
      }
      return compile(input, options);
    };
    braces.expand = (input, options = {}) => {
      if (typeof input === "string") {
        input = braces.parse(input, options);
      }
      let result = expand(input, options);
      if (options.noempty === true) {
        result = result.filter(Boolean);
      }
      if (options.nodupes === true) {
        result = [...new Set(result)];
      }
      return result;
    };
    braces.create = (input, options = {}) => {
      if (input === "" || input.length < 3) {
        return [input];
      }
      return options.expand !== true ? braces.compile(input, options) : braces.expand(input, options);
    };
    module.exports = braces;
  }
});

// node_modules/picomatch/lib/constants.js
var require_constants2 = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var path = __require("path");
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      SEP: path.sep,
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils2 = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var path = __require("path");
    var win32 = process.platform === "win32";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants2();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.supportsLookbehinds = () => {
      const segs = process.version.slice(1).split(".").map(Number);
      if (segs.length === 3 && segs[0] >= 9 || segs[0] === 8 && segs[1] >= 10) {
        return true;
      }
      return false;
    };
    exports.isWindows = (options) => {
      if (options && typeof options.windows === "boolean") {
        return options.windows;
      }
      return win32 === true || path.sep === "\\";
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils2();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants2();
    var isPathSeparator = (code) => {
      return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code = advance();
        let next;
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code = advance();
          if (code === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code === CHAR_PLUS || code === CHAR_AT || code === CHAR_ASTERISK || code === CHAR_QUESTION_MARK || code === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              while (eos() !== true && (code = advance())) {
                if (code === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  code = advance();
                  continue;
                }
                if (code === CHAR_RIGHT_PARENTHESES) {
                  isGlob = token.isGlob = true;
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            while (eos() !== true && (code = advance())) {
              if (code === CHAR_LEFT_PARENTHESES) {
                backslashes = token.backslashes = true;
                code = advance();
                continue;
              }
              if (code === CHAR_RIGHT_PARENTHESES) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n = prevIndex ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value = input.slice(n, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (idx !== 0 || value !== "") {
            parts.push(value);
          }
          prevIndex = i;
        }
        if (prevIndex && prevIndex + 1 < input.length) {
          const value = input.slice(prevIndex + 1);
          parts.push(value);
          if (opts.tokens) {
            tokens[tokens.length - 1].value = value;
            depth(tokens[tokens.length - 1]);
            state.maxDepth += tokens[tokens.length - 1].depth;
          }
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse2 = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants2();
    var utils = require_utils2();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var getStarExtglobSequenceOutput = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body2, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body2).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      for (const branch of branches) {
        const safeOutput = getStarExtglobSequenceOutput(branch);
        if (safeOutput) {
          return { risky: true, safeOutput };
        }
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      return { risky: false };
    };
    var parse = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const win32 = utils.isWindows(options);
      const PLATFORM_CHARS = constants.globChars(win32);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.value += tok.value;
          prev.output = (prev.output || "") + tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body2 = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body2, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal;
          open.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix = POSIX_REGEX_SOURCE[rest2];
                if (posix) {
                  prev.value = pre + posix;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (next === "<" && !utils.supportsLookbehinds()) {
              throw new Error("Node.js v10 or higher is required for regex lookbehinds");
            }
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && eos()) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const win32 = utils.isWindows(options);
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(win32);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var path = __require("path");
    var scan = require_scan();
    var parse = require_parse2();
    var utils = require_utils2();
    var constants = require_constants2();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix = utils.isWindows(options);
      const regex = isState ? picomatch.compileRe(glob, options) : picomatch.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
        const result = { glob, state, regex, posix, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch.test = (input, regex, options, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch.matchBase(input, regex, options, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch.matchBase = (input, glob, options, posix = utils.isWindows(options)) => {
      const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
      return regex.test(path.basename(input));
    };
    picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);
    picomatch.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch.scan = (input, options) => scan(input, options);
    picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse(input, options);
      }
      return picomatch.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch.constants = constants;
    module.exports = picomatch;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    module.exports = require_picomatch();
  }
});

// node_modules/micromatch/index.js
var require_micromatch = __commonJS({
  "node_modules/micromatch/index.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var braces = require_braces();
    var picomatch = require_picomatch2();
    var utils = require_utils2();
    var isEmptyString = (v) => v === "" || v === "./";
    var hasBraces = (v) => {
      const index = v.indexOf("{");
      return index > -1 && v.indexOf("}", index) > -1;
    };
    var micromatch2 = (list, patterns, options) => {
      patterns = [].concat(patterns);
      list = [].concat(list);
      let omit = /* @__PURE__ */ new Set();
      let keep = /* @__PURE__ */ new Set();
      let items = /* @__PURE__ */ new Set();
      let negatives = 0;
      let onResult = (state) => {
        items.add(state.output);
        if (options && options.onResult) {
          options.onResult(state);
        }
      };
      for (let i = 0; i < patterns.length; i++) {
        let isMatch = picomatch(String(patterns[i]), { ...options, onResult }, true);
        let negated = isMatch.state.negated || isMatch.state.negatedExtglob;
        if (negated) negatives++;
        for (let item of list) {
          let matched = isMatch(item, true);
          let match = negated ? !matched.isMatch : matched.isMatch;
          if (!match) continue;
          if (negated) {
            omit.add(matched.output);
          } else {
            omit.delete(matched.output);
            keep.add(matched.output);
          }
        }
      }
      let result = negatives === patterns.length ? [...items] : [...keep];
      let matches = result.filter((item) => !omit.has(item));
      if (options && matches.length === 0) {
        if (options.failglob === true) {
          throw new Error(`No matches found for "${patterns.join(", ")}"`);
        }
        if (options.nonull === true || options.nullglob === true) {
          return options.unescape ? patterns.map((p) => p.replace(/\\/g, "")) : patterns;
        }
      }
      return matches;
    };
    micromatch2.match = micromatch2;
    micromatch2.matcher = (pattern, options) => picomatch(pattern, options);
    micromatch2.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);
    micromatch2.any = micromatch2.isMatch;
    micromatch2.not = (list, patterns, options = {}) => {
      patterns = [].concat(patterns).map(String);
      let result = /* @__PURE__ */ new Set();
      let items = [];
      let onResult = (state) => {
        if (options.onResult) options.onResult(state);
        items.push(state.output);
      };
      let matches = new Set(micromatch2(list, patterns, { ...options, onResult }));
      for (let item of items) {
        if (!matches.has(item)) {
          result.add(item);
        }
      }
      return [...result];
    };
    micromatch2.contains = (str, pattern, options) => {
      if (typeof str !== "string") {
        throw new TypeError(`Expected a string: "${util.inspect(str)}"`);
      }
      if (Array.isArray(pattern)) {
        return pattern.some((p) => micromatch2.contains(str, p, options));
      }
      if (typeof pattern === "string") {
        if (isEmptyString(str) || isEmptyString(pattern)) {
          return false;
        }
        if (str.includes(pattern) || str.startsWith("./") && str.slice(2).includes(pattern)) {
          return true;
        }
      }
      return micromatch2.isMatch(str, pattern, { ...options, contains: true });
    };
    micromatch2.matchKeys = (obj, patterns, options) => {
      if (!utils.isObject(obj)) {
        throw new TypeError("Expected the first argument to be an object");
      }
      let keys = micromatch2(Object.keys(obj), patterns, options);
      let res = {};
      for (let key of keys) res[key] = obj[key];
      return res;
    };
    micromatch2.some = (list, patterns, options) => {
      let items = [].concat(list);
      for (let pattern of [].concat(patterns)) {
        let isMatch = picomatch(String(pattern), options);
        if (items.some((item) => isMatch(item))) {
          return true;
        }
      }
      return false;
    };
    micromatch2.every = (list, patterns, options) => {
      let items = [].concat(list);
      for (let pattern of [].concat(patterns)) {
        let isMatch = picomatch(String(pattern), options);
        if (!items.every((item) => isMatch(item))) {
          return false;
        }
      }
      return true;
    };
    micromatch2.all = (str, patterns, options) => {
      if (typeof str !== "string") {
        throw new TypeError(`Expected a string: "${util.inspect(str)}"`);
      }
      return [].concat(patterns).every((p) => picomatch(p, options)(str));
    };
    micromatch2.capture = (glob, input, options) => {
      let posix = utils.isWindows(options);
      let regex = picomatch.makeRe(String(glob), { ...options, capture: true });
      let match = regex.exec(posix ? utils.toPosixSlashes(input) : input);
      if (match) {
        return match.slice(1).map((v) => v === void 0 ? "" : v);
      }
    };
    micromatch2.makeRe = (...args) => picomatch.makeRe(...args);
    micromatch2.scan = (...args) => picomatch.scan(...args);
    micromatch2.parse = (patterns, options) => {
      let res = [];
      for (let pattern of [].concat(patterns || [])) {
        for (let str of braces(String(pattern), options)) {
          res.push(picomatch.parse(str, options));
        }
      }
      return res;
    };
    micromatch2.braces = (pattern, options) => {
      if (typeof pattern !== "string") throw new TypeError("Expected a string");
      if (options && options.nobrace === true || !hasBraces(pattern)) {
        return [pattern];
      }
      return braces(pattern, options);
    };
    micromatch2.braceExpand = (pattern, options) => {
      if (typeof pattern !== "string") throw new TypeError("Expected a string");
      return micromatch2.braces(pattern, { ...options, expand: true });
    };
    micromatch2.hasBraces = hasBraces;
    module.exports = micromatch2;
  }
});

// src/engine/worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/core/entropy.ts
function shannonEntropy(s) {
  const n = s.length;
  if (n === 0) return 0;
  const counts = /* @__PURE__ */ new Map();
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}
function roundedEntropy(s) {
  return Math.round(shannonEntropy(s) * 100) / 100;
}

// src/core/fingerprint.ts
import { createHash } from "node:crypto";
var DOMAIN = "keywarden/fingerprint/v1";
function fingerprintOf(ruleId, secret) {
  return createHash("sha256").update(DOMAIN).update("\0").update(ruleId).update("\0").update(secret).digest("hex").slice(0, 32);
}
function shortHash(secret) {
  return createHash("sha256").update("keywarden/redact/v1\0").update(secret).digest("hex").slice(0, 8);
}

// src/core/location.ts
function lineStarts(text) {
  const starts = [0];
  let i = text.indexOf("\n");
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf("\n", i + 1);
  }
  return starts;
}
function lineIndexAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
function positionAt(starts, offset) {
  const lineIndex = lineIndexAt(starts, offset);
  return { lineIndex, column: offset - starts[lineIndex] + 1 };
}

// src/core/redact.ts
function revealedPrefixLength(n) {
  if (n < 8) return 0;
  return Math.min(6, Math.floor(n / 4));
}
function redact(secret) {
  const oneLine = secret.replace(/\s+/g, " ");
  const prefix = oneLine.slice(0, revealedPrefixLength(secret.length));
  return `${prefix}\u2026 (${secret.length} chars, #${shortHash(secret)})`;
}

// src/core/finding.ts
function fileLine(fragment, lineIndex) {
  if (fragment.lineNumbers) return fragment.lineNumbers[lineIndex] ?? lineIndex + 1;
  return (fragment.startLine ?? 1) + lineIndex;
}
function makeFinding(rule, secret, start, end, confidence, fragment, starts) {
  const a = positionAt(starts, start);
  const b = positionAt(starts, Math.max(start, end - 1));
  const finding = {
    ruleId: rule.id,
    ruleName: rule.name,
    severity: rule.severity,
    confidence,
    path: fragment.path,
    line: fileLine(fragment, a.lineIndex),
    column: a.column,
    endLine: fileLine(fragment, b.lineIndex),
    endColumn: b.column + 1,
    redacted: redact(secret),
    fingerprint: fingerprintOf(rule.id, secret),
    entropy: roundedEntropy(secret),
    playbook: rule.playbook
  };
  if (fragment.origin) finding.origin = fragment.origin;
  if (fragment.commit) finding.commit = fragment.commit;
  if (fragment.blobId) finding.blobId = fragment.blobId;
  return withSecret(finding, secret);
}
function withSecret(finding, secret) {
  Object.defineProperty(finding, "secret", { value: secret, enumerable: false, writable: false, configurable: true });
  return finding;
}
function secretOf(finding) {
  return finding.secret;
}

// src/core/randomness.ts
var COMMON_BIGRAMS = new Set(
  "ab ac ad ag ai al am an ap ar as at au av ay ba be bi bl bo br bu ca ce ch ci ck cl co cr ct cu da de di do dr ds ea ec ed ee ef eg el em en ep er es et ev ex fa fe ff fi fl fo fu ga ge gh gi gl gr ha he hi ho ia ib ic id ie if ig il im in io ip ir is it iv iz ke ki ks la le li ll lo ls lu ly ma mb me mi mm mo mp mu na nc nd ne ng ni no ns nt oa oc od og ol om on oo op or os ot ou ov ow pa pe ph pi pl po pp pr ps pu qu ra rc rd re ri rm rn ro rr rs rt ru ry sa sc se sh si sl sm so sp ss st su ta te th ti tl to tr ts tt tu ty ua ub uc ue ui ul um un up ur us ut va ve vi wa we wi ze".split(" ")
);
var IDENTIFIER_WORDS = new Set(
  "an as at be by do go id if in io is it me my no of ok on or so to up us we db ui ux os js ts py rb sh cd ci qa ip tcp udp dns api url uri env cfg app dev src dst tmp usr pwd key get set new old max min len str num err msg req res ctx fn cb val var obj arr buf idx pos ref sql ssh ssl tls jwt aws gcp http https xml json yaml html css sdk cli all and any are add can end for has log map not one out put raw run use the two via web www job pub sub top row col doc txt bin lib pkg cmd ftp smtp imap ldap etc opt oauth auth user name pass word test mock fake demo temp prod stag live home password passwd secret secrets token tokens credential credentials config endpoint private public client server admin session cookie bearer github gitlab google azure amazon docker kube webhook signing encryption crypto cipher keystore truststore cert certificate default value sample self this creds root mysql postgres redis mongo project object subject inject sync async proxy bypass crypt bcrypt gzip zlib webpack toml".split(" ")
);
function charClassCount(s) {
  let n = 0;
  if (/[a-z]/.test(s)) n++;
  if (/[A-Z]/.test(s)) n++;
  if (/[0-9]/.test(s)) n++;
  if (/[^A-Za-z0-9_.-]/.test(s)) n++;
  return n;
}
function splitWords(s) {
  return s.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([A-Z])([A-Z][a-z])/g, "$1 $2").replace(/([A-Za-z])([0-9])/g, "$1 $2").replace(/([0-9])([A-Za-z])/g, "$1 $2").split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
}
function bigramScore(word) {
  const w = word.toLowerCase();
  if (w.length < 2) return 0;
  let common = 0;
  for (let i = 0; i < w.length - 1; i++) if (COMMON_BIGRAMS.has(w.slice(i, i + 2))) common++;
  return common / (w.length - 1);
}
function isWordLike(token) {
  if (!/^[A-Za-z]+$/.test(token)) return false;
  const lower = token.toLowerCase();
  if (IDENTIFIER_WORDS.has(lower)) return true;
  if (lower.length < 4 || !/[aeiouy]/.test(lower)) return false;
  return bigramScore(lower) >= (lower.length === 4 ? 0.99 : 0.7);
}
function wordStats(s) {
  let letters = 0;
  let wordy = 0;
  let longWordy = 0;
  let alphaTokens = 0;
  let wordTokens = 0;
  let digitRuns = 0;
  for (const w of splitWords(s)) {
    if (/^[0-9]+$/.test(w)) digitRuns++;
    if (!/^[A-Za-z]+$/.test(w)) continue;
    alphaTokens++;
    letters += w.length;
    if (!isWordLike(w)) continue;
    wordTokens++;
    wordy += w.length;
    if (w.length >= 3) longWordy += w.length;
  }
  return letters === 0 ? { coverage: 0, longCoverage: 0, alphaTokens, wordTokens, digitRuns } : { coverage: wordy / letters, longCoverage: longWordy / letters, alphaTokens, wordTokens, digitRuns };
}
function readsAsWords(s) {
  const st = wordStats(s);
  if (st.alphaTokens === 0 || st.digitRuns > 2) return false;
  if (st.coverage < 0.75 || st.longCoverage < 0.5) return false;
  return st.alphaTokens === 1 || st.wordTokens >= 2;
}
var NUMBER = /^[+-]?[\d][\d.,:_ +-]*$/;
var VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][0-9A-Za-z.-]+)?$/;
var DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
var EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
var URL = /^[a-z][a-z0-9+.-]{1,20}:\/\//i;
var URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]{1,20}:\/\/[^/\s:@]*:[^/\s@]+@/i;
var PATH_START = /^(?:~\/|\.{1,2}\/|[A-Za-z]:\\|\\\\|\$HOME\/|%\w+%\\)/;
var FILE_NAME = /^[\w.-]+\.(?:json|ya?ml|toml|ini|cfg|conf|env|txt|xml|pem|key|crt|cer|der|p12|pfx|jks|keystore|pub|asc|gpg|js|mjs|cjs|ts|py|rb|go|rs|java|kt|sh|ps1|php|cs|properties|lock|log|db|sqlite)$/i;
var IDENTIFIER_SHAPE = /^[A-Za-z_$@][\w$]*(?:(?:\.|::|->|-|:)[\w$]+)*(?:\(\)|\[[^\]]*\]|\([^)]*\))?$/;
function valueShape(s) {
  if (NUMBER.test(s)) return "number";
  if (VERSION.test(s)) return "version";
  if (DATE.test(s)) return "date";
  if (EMAIL.test(s)) return "email";
  if (URL.test(s)) return URL_WITH_CREDENTIALS.test(s) ? void 0 : "url";
  if (URN.test(s)) return "url";
  if (PATH_START.test(s) || isWordyPath(s)) return "path";
  if (FILE_NAME.test(s)) return "file-name";
  if (/^[A-Za-z]+$/.test(s) && readsAsWords(s)) return splitWords(s).length > 1 ? "identifier" : "words";
  if (IDENTIFIER_SHAPE.test(s) && isIdentifier(s)) return /[()[\]]/.test(s) ? "expression" : "identifier";
  const code = s.replace(/^[*&!]+/, "").replace(/#/g, ".");
  if (code !== s && IDENTIFIER_SHAPE.test(code) && isIdentifier(code)) return "expression";
  if (charClassCount(s) < 2) return "single-class";
  return void 0;
}
var URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:[\w.:%-]+$/i;
function isIdentifier(s) {
  const bare = s.replace(/\[[^\]]*\]|\([^)]*\)/g, " ");
  if (splitWords(bare).filter((w) => /^[A-Za-z]/.test(w)).length < 2 && bare === s) return false;
  return readsAsWords(bare);
}
function isWordyPath(s) {
  if (!/^[\w.\\/-]+$/.test(s)) return false;
  const parts = s.split(/[\\/]/).filter((p) => p.length > 0);
  if (s.startsWith("/") && parts.length >= 3 && parts.every((p) => /^[A-Za-z_][\w.-]*$/.test(p))) return true;
  if (parts.length < 2 && !s.startsWith("/")) return false;
  return parts.every((p) => FILE_NAME.test(p) || /^[A-Za-z][\w.-]*$/.test(p) && readsAsWords(p));
}

// src/core/placeholder.ts
var TEMPLATE = /\$\{[^}]*\}|\$\{[A-Za-z_][\w.]*[([]?$|\{\{|\}\}|<[A-Za-z][\w .-]{0,40}>|\{%|<%|%>|\$\([^)]*\)|#\{[^}]*\}|%\{[^}]*\}|%\([a-z_]+\)s|^<[^<>]+>$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$env:|^%[A-Za-z_]+%$|^\[\[|\]\]$|^@@|@@$|^__[A-Z0-9_]+__$|^\{[A-Za-z_][\w.-]*\}$/;
var ENV_REFERENCE = /process\.env|os\.environ|getenv|System\.getenv|ENV\[|env\(|secrets\.|\bvars\.|\{\{\s*secrets|ssm:|vault:|keyvault|secretsmanager|^op:\/\//i;
var ENCRYPTED = /^ENC[[(]|^!vault|^\$ANSIBLE_VAULT;/;
var MASK = /x{4,}|X{4,}|\*{3,}|\.{3,}|…|•{2,}|#{4,}|_{5,}|-{5,}|(.)\1{5,}/;
var SEQUENCES = ["0123456789", "123456789", "abcdefghij", "abcdefgh12", "qwertyuiop", "asdfghjkl", "1234abcd", "abc123"];
var PLACEHOLDER_WORDS = [
  "changeme",
  "change_me",
  "change-me",
  "changethis",
  "replaceme",
  "replace_me",
  "replace-me",
  "your_",
  "your-",
  "yourkey",
  "yourtoken",
  "yoursecret",
  "yourpassword",
  "example",
  "placeholder",
  "dummy",
  "redacted",
  "notreal",
  "not_real",
  "not-a-real",
  "notasecret",
  "insert_",
  "insert-",
  "fixme",
  "todo_",
  "sample_",
  "samplekey",
  "fake_",
  "fakekey",
  "faketoken",
  "fakepassword",
  "mysecret",
  "my_secret",
  "mypassword",
  "my_password",
  "secret_here",
  "key_here",
  "token_here",
  "password_here",
  "tokenhere",
  "keyhere",
  "secrethere",
  "passwordhere",
  "enter_",
  "put_your",
  "lorem",
  "ipsum",
  "foobar",
  "xyzzy",
  "unique phrase"
];
var DOC_VALUES = /* @__PURE__ */ new Set([
  "password",
  "passwd",
  "pass",
  "pwd",
  "secret",
  "token",
  "apikey",
  "api_key",
  "api-key",
  "accesskey",
  "secretkey",
  "changeit",
  "admin",
  "root",
  "guest",
  "test",
  "testing",
  "user",
  "username",
  "none",
  "null",
  "nil",
  "undefined",
  "true",
  "false",
  "empty",
  "default",
  "required",
  "optional",
  "string",
  "value",
  "sample",
  "foo",
  "bar",
  "baz",
  // The example UUID of RFC 4122 and countless API docs.
  "123e4567-e89b-12d3-a456-426614174000"
]);
function placeholderReason(secret) {
  if (TEMPLATE.test(secret) || ENV_REFERENCE.test(secret) || ENCRYPTED.test(secret) || MASK.test(secret)) return "placeholder";
  const lower = secret.toLowerCase();
  if (DOC_VALUES.has(lower)) return "placeholder";
  for (const s of SEQUENCES) if (lower.includes(s)) return "placeholder";
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return "stopword";
  return void 0;
}
var SRI = /^sha(?:1|256|384|512)-[A-Za-z0-9+/]{27,86}={0,2}$/;
var PREFIXED_DIGEST = /^(?:sha(?:1|224|256|384|512)|md5|blake2b|blake3|xxh64|crc32c?)[:=][A-Fa-f0-9+/=]{8,}$|^\{(?:SSHA|SHA|SHA256|SHA512|MD5)\}/i;
var GO_SUM = /^h1:[A-Za-z0-9+/]{43}=$/;
var CRYPT_HASH = /^\$(?:2[abxy]?|5|6|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*|y|7)\$|^(?:pbkdf2_sha256|argon2|bcrypt_sha256)\$/;
var HEX_DIGEST = /^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{56}|[a-f0-9]{64}|[a-f0-9]{96}|[a-f0-9]{128}|[A-F0-9]{32}|[A-F0-9]{40}|[A-F0-9]{64}|[A-F0-9]{128})$/;
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function digestKind(secret) {
  if (SRI.test(secret)) return "sri";
  if (PREFIXED_DIGEST.test(secret)) return "prefixed-digest";
  if (GO_SUM.test(secret)) return "go-sum";
  if (CRYPT_HASH.test(secret)) return "crypt-hash";
  if (HEX_DIGEST.test(secret)) return "hex-digest";
  if (UUID.test(secret)) return "uuid";
  return void 0;
}
var NON_CREDENTIAL_KEY = /hash|digest|checksum|sha\d*|md5|crc|integrity|etag|commit|revision|\brev\b|fingerprint|nonce|salt|signature|uuid|guid|csrf|xsrf|idempotency|correlation|trace|cache|version/i;
var ID_KEY = /(?:^|[^A-Za-z])[Ii]d\b|[a-z]Id\b|ID\b/;
var CREDENTIAL_KEY = /secret|passw|pwd|private|token|api[_.-]?key|apikey|access[_.-]?key|auth|credential|bearer|:\/\//i;
function keyMakesCredential(match, secret) {
  const key = match.replace(secret, " ");
  return CREDENTIAL_KEY.test(key) && !NON_CREDENTIAL_KEY.test(key) && !ID_KEY.test(key);
}
function isEncodedPlaceholder(secret) {
  if (secret.length > 64 || secret.length % 4 !== 0 || !/^[A-Za-z0-9+/]{6,}={0,2}$/.test(secret)) return false;
  const text = Buffer.from(secret, "base64").toString("latin1");
  return /^[\x20-\x7e]+$/.test(text) && placeholderReason(text) !== void 0;
}
function genericRejectKind(secret, match = "") {
  const digest = digestKind(secret);
  if (digest === "hex-digest" || digest === "uuid") return keyMakesCredential(match, secret) ? void 0 : digest;
  if (digest) return digest;
  return isEncodedPlaceholder(secret) ? "encoded-placeholder" : valueShape(secret);
}
function genericRejectReason(secret, match = "") {
  const kind = genericRejectKind(secret, match);
  if (!kind) return void 0;
  return kind === "single-class" ? "low-entropy" : "placeholder";
}

// src/core/prefilter.ts
var Prefilter = class {
  scan;
  implied;
  rulesByKeyword;
  /** `keywordsByRule[i]` are the lowercase keywords of rule i. */
  constructor(keywordsByRule) {
    this.rulesByKeyword = /* @__PURE__ */ new Map();
    keywordsByRule.forEach((kws, i) => {
      for (const kw of kws) {
        const k = kw.toLowerCase();
        const list = this.rulesByKeyword.get(k);
        if (list) list.push(i);
        else this.rulesByKeyword.set(k, [i]);
      }
    });
    const all = [...this.rulesByKeyword.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.implied = new Map(all.map((k) => [k, all.filter((o) => o !== k && k.includes(o))]));
    this.scan = all.length === 0 ? () => [] : gramScanner(all) ?? regexScanner(all);
  }
  /** Every keyword occurrence in `text` (one per start offset, the longest; nested ones via `implied`). */
  hits(text) {
    return this.scan(text);
  }
  /** For each rule whose keywords were hit, the offsets of those hits (ascending). */
  hitsByRule(hits) {
    const out = /* @__PURE__ */ new Map();
    for (const h of hits) {
      for (const k of [h.keyword, ...this.implied.get(h.keyword) ?? []]) {
        for (const r of this.rulesByKeyword.get(k) ?? []) {
          const list = out.get(r);
          if (!list) out.set(r, [h.offset]);
          else if (list[list.length - 1] !== h.offset) list.push(h.offset);
        }
      }
    }
    return out;
  }
  /** Indices of the rules whose keywords were hit. */
  candidateRules(hits) {
    const seen = /* @__PURE__ */ new Set();
    const rules = /* @__PURE__ */ new Set();
    for (const h of hits) {
      if (seen.has(h.keyword)) continue;
      seen.add(h.keyword);
      for (const k of [h.keyword, ...this.implied.get(h.keyword) ?? []]) {
        for (const r of this.rulesByKeyword.get(k) ?? []) rules.add(r);
      }
    }
    return rules;
  }
};
function escapeRegex(s) {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
function regexScanner(all) {
  const re = new RegExp(all.map(escapeRegex).join("|"), "gi");
  return (text) => {
    const out = [];
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      out.push({ keyword: m[0].toLowerCase(), offset: m.index });
      re.lastIndex = m.index + 1;
    }
    return out;
  };
}
var bit = (map, k) => map[k >>> 5] >>> (k & 31) & 1;
function gramKey(codes) {
  return codes.length >= 3 ? codes[0] << 14 | codes[1] << 7 | codes[2] : 1 << 21 | codes[0] << 7 | codes[1];
}
function gramScanner(all) {
  if (all.some((k) => k.length < 2 || /[^\x01-\x7f]/.test(k))) return void 0;
  const fold = new Uint8Array(128);
  const codes = all.map((k) => Array.from(k, (ch) => ch.charCodeAt(0)));
  for (const c of codes.flat()) fold[c] = fold[c >= 97 && c <= 122 ? c - 32 : c] = c;
  const two = new Uint32Array(1 << 9);
  const three = new Uint32Array(1 << 16);
  const lists = /* @__PURE__ */ new Map();
  codes.forEach((c, i) => {
    const key = gramKey(c);
    const map = c.length >= 3 ? three : two;
    const k = key & 2097151;
    map[k >>> 5] |= 1 << (k & 31);
    lists.set(key, [...lists.get(key) ?? [], i]);
  });
  const match = (text, s, list, from) => {
    for (const ki of list ?? []) {
      const kc = codes[ki];
      if (s + kc.length > text.length) continue;
      let j = from;
      for (; j < kc.length; j++) {
        const c = text.charCodeAt(s + j);
        if ((c < 128 ? fold[c] : 0) !== kc[j]) break;
      }
      if (j === kc.length) return ki;
    }
    return -1;
  };
  return (text) => {
    const out = [];
    const n = text.length;
    let w = 0;
    for (let i = 0; i < n + 2; i++) {
      const c = i < n ? text.charCodeAt(i) : 0;
      w = (w << 7 | (c < 128 ? fold[c] : 0)) & 2097151;
      const in3 = bit(three, w);
      const in2 = bit(two, w >>> 7);
      if ((in3 | in2) === 0 || i < 2) continue;
      let ki = in3 ? match(text, i - 2, lists.get(w), 3) : -1;
      if (ki < 0 && in2) ki = match(text, i - 2, lists.get(1 << 21 | w >>> 7), 2);
      if (ki >= 0) out.push({ keyword: all[ki], offset: i - 2 });
    }
    return out;
  };
}

// src/core/validators/aws-key-id.ts
var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
var DECODABLE = /* @__PURE__ */ new Set(["AKIA", "ASIA"]);
var MAX_ACCOUNT = 999999999999n;
var LOCALSTACK_ACCOUNT = 0n;
function base32Value(chars) {
  let v = 0n;
  for (const c of chars) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) return void 0;
    v = v << 5n | BigInt(i);
  }
  return v;
}
function awsAccountOf(keyId) {
  if (keyId.length !== 20 || !DECODABLE.has(keyId.slice(0, 4))) return void 0;
  const v = base32Value(keyId.slice(4));
  if (v === void 0 || v >> 79n !== 1n) return void 0;
  return (v >> 39n & 0xffffffffffn).toString().padStart(12, "0");
}
function awsKeyId(secret) {
  const account = awsAccountOf(secret);
  if (account === void 0) return "unknown";
  const n = BigInt(account);
  if (n === LOCALSTACK_ACCOUNT) return "invalid";
  return n <= MAX_ACCOUNT ? "valid" : "unknown";
}

// src/core/validators/basic-auth.ts
var NOT_TEXT = /[\x00-\x1f\x7f\ufffd]/;
function basicAuthB64(secret) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) return "invalid";
  const text = Buffer.from(secret, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 1 || colon === text.length - 1) return "invalid";
  return NOT_TEXT.test(text) ? "invalid" : "valid";
}

// src/core/validators/checksum-token.ts
import { crc32 } from "node:zlib";

// src/core/validators/base62.ts
var BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function base62(n, width) {
  let out = "";
  let v = n >>> 0;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, "0");
}

// src/core/validators/checksum-token.ts
function checksumToken(secret) {
  const sep = secret.indexOf("_");
  if (sep < 0) return "unknown";
  const rest = secret.slice(sep + 1);
  if (rest.length < 7) return "invalid";
  const body2 = rest.slice(0, -6);
  const check = rest.slice(-6);
  return base62(crc32(body2), 6) === check ? "valid" : "invalid";
}

// src/core/validators/discord.ts
function discordBotToken(secret) {
  const first = secret.split(".")[0];
  const id = Buffer.from(first, "base64url").toString("latin1");
  return /^[1-9]\d{16,19}$/.test(id) ? "valid" : "invalid";
}

// src/core/validators/gitlab-routable.ts
import { crc32 as crc322 } from "node:zlib";
var ROUTABLE = /^([A-Za-z0-9_-]+)\.[0-9a-z]{2}\.([0-9a-z]{2})([0-9a-z]{7})$/;
function gitlabRoutable(secret) {
  const m = ROUTABLE.exec(secret);
  if (!m) return "unknown";
  const [, head, lengthField, crc] = m;
  const prefixLength = head.length - parseInt(lengthField, 36);
  if (prefixLength < 2 || !/[-_]$/.test(head.slice(0, prefixLength))) return "invalid";
  const signed = secret.slice(0, -7);
  return crc322(signed).toString(36).padStart(7, "0") === crc ? "valid" : "unknown";
}

// src/core/validators/jwt.ts
function decodeJson(part) {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return void 0;
  }
}
function jwt(secret) {
  const parts = secret.split(".");
  if (parts.length !== 3) return "invalid";
  const header = decodeJson(parts[0]);
  const payload = decodeJson(parts[1]);
  if (!header || typeof header !== "object" || typeof header.alg !== "string") return "invalid";
  if (!payload || typeof payload !== "object") return "invalid";
  const claims = payload;
  if (claims.sub === "1234567890" && claims.name === "John Doe") return "invalid";
  if (header.alg.toLowerCase() === "none" || parts[2].length < 16) return "invalid";
  return "valid";
}

// src/core/validators/private-key.ts
import { createPrivateKey } from "node:crypto";
var OPENSSH_MAGIC = "openssh-key-v1\0";
function body(pem) {
  const b64 = pem.replace(/-----(BEGIN|END)[^-]*-----/g, "").replace(/^[A-Za-z-]+:.*$/gm, "").replace(/[^A-Za-z0-9+/=]/g, "");
  return Buffer.from(b64, "base64");
}
function opensshKey(pem) {
  const raw = body(pem);
  if (raw.length < 64 || raw.subarray(0, OPENSSH_MAGIC.length).toString("latin1") !== OPENSSH_MAGIC) return "invalid";
  const len = raw.readUInt32BE(OPENSSH_MAGIC.length);
  const name = raw.subarray(OPENSSH_MAGIC.length + 4, OPENSSH_MAGIC.length + 4 + len).toString("latin1");
  return /^[a-z0-9@.-]{3,40}$/.test(name) ? "valid" : "invalid";
}
function privateKey(secret) {
  const pem = secret.replace(/\\n/g, "\n").replace(/\r/g, "").replace(/^[ \t"'+,]*$/gm, "").replace(/^[ \t]*["']?/gm, "").replace(/["'][ \t]*\+?[ \t]*,?[ \t]*$/gm, "").replace(/[ \t]+$/gm, "").replace(/\n{2,}/g, "\n");
  if (pem.includes("OPENSSH PRIVATE KEY")) return opensshKey(pem);
  if (/ENCRYPTED/.test(pem)) return body(pem).length >= 64 ? "valid" : "invalid";
  if (pem.includes("PGP PRIVATE KEY")) return body(pem).length >= 64 ? "unknown" : "invalid";
  try {
    createPrivateKey({ key: pem, format: "pem" });
    return "valid";
  } catch (e) {
    if (/passphrase/i.test(String(e.message))) return "valid";
    return "invalid";
  }
}

// src/core/validators/slack.ts
var ID = "[1-9]\\d{7,12}";
var BOT = new RegExp(`^xoxb-${ID}-${ID}-[A-Za-z0-9]{24}$`);
var USER = new RegExp(`^xoxp-${ID}-${ID}-${ID}-[a-f0-9]{32}$`);
var LEGACY_BOT = new RegExp(`^xoxb-${ID}-[A-Za-z0-9]{18,26}$`);
var ROTATING = /^xoxe(?:\.xox[bp])?-\d-([A-Za-z0-9]+)$/;
var ROTATING_BODY = new RegExp(`^\\d-\\d-${ID}(?:-${ID}){1,3}-[a-f0-9]{64}$`);
function rotating(body2) {
  const decoded = Buffer.from(body2, "base64").toString("latin1");
  return ROTATING_BODY.test(decoded) ? "valid" : "unknown";
}
function slackToken(secret) {
  if (secret.startsWith("xoxb-")) {
    if (BOT.test(secret)) return "valid";
    return LEGACY_BOT.test(secret) ? "unknown" : "invalid";
  }
  if (secret.startsWith("xoxp-")) return USER.test(secret) ? "valid" : "invalid";
  const r = ROTATING.exec(secret);
  if (r) return rotating(r[1]);
  return "unknown";
}

// src/core/validators/stripe.ts
var KEY = /^(?:sk|rk|pk)_(?:live|test)_([A-Za-z0-9]+)$/;
var MIN_BODY = 24;
var MAX_BODY = 247;
function stripeKey(secret) {
  const m = KEY.exec(secret);
  if (!m) return "invalid";
  const body2 = m[1];
  if (body2.length < MIN_BODY || body2.length > MAX_BODY) return "invalid";
  if (body2.length === 24) return "valid";
  if (body2.length === 99 && /^\d/.test(body2)) return "valid";
  return "unknown";
}

// src/core/validators/index.ts
var checksumIfMatching = (s) => checksumToken(s) === "valid" ? "valid" : "unknown";
var VALIDATORS = {
  "github-checksum": checksumToken,
  // GitHub documents the checksum for its 36-char tokens; the 76-char refresh token layout is not documented.
  "github-checksum-lenient": checksumIfMatching,
  // npm's checksum layout is not documented: a match confirms, a mismatch proves nothing.
  "npm-checksum": checksumIfMatching,
  jwt,
  "private-key": privateKey,
  "aws-key-id": awsKeyId,
  slack: slackToken,
  stripe: stripeKey,
  "gitlab-routable": gitlabRoutable,
  "discord-bot-token": discordBotToken,
  "basic-auth-b64": basicAuthB64
};

// src/core/detect.ts
var DEFAULT_MAX_LINE_LENGTH = 4096;
var WINDOW_BEFORE = 512;
var WINDOW_AFTER = 4096;
var INLINE_ALLOW_REACH = 4096;
var GENERIC_WINDOW_MIN = 4096;
var GENERIC_WINDOW_AFTER = 1024;
var MAX_WINDOWS = 2e3;
function buildRuleSet(rules, options = {}) {
  return {
    rules,
    prefilter: new Prefilter(rules.map((r) => r.keywords)),
    globalAllow: options.globalAllow,
    maxLineLength: options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
    pathOnly: rules.flatMap((r, i) => r.keywords.length === 0 ? [i] : [])
  };
}
function countSkip(counter, reason, n = 1) {
  counter[reason] = (counter[reason] ?? 0) + n;
}
function detectFragment(fragment, ruleSet, skipped = {}) {
  const text = fragment.text;
  const hits = ruleSet.prefilter.hits(text);
  const byRule = ruleSet.prefilter.hitsByRule(hits);
  for (const i of ruleSet.pathOnly) if (!ruleSet.rules[i].skipsPath(fragment.path)) byRule.set(i, []);
  if (byRule.size === 0) return [];
  const longLines = hasLongLine(text, ruleSet.maxLineLength);
  const regions = longLines ? windows(text, hits.map((h) => h.offset), WINDOW_AFTER, skipped) : [{ start: 0, end: text.length }];
  const candidates = [];
  const rejected = [];
  for (const [index, offsets] of byRule) {
    const rule = ruleSet.rules[index];
    if (rule.skipsPath(fragment.path)) {
      countSkip(skipped, "path-allowlist");
      continue;
    }
    const own = rule.generic && !longLines && text.length > GENERIC_WINDOW_MIN ? windows(text, offsets, GENERIC_WINDOW_AFTER, skipped) : regions;
    for (const region of own) matchRule(rule, text, region, ruleSet, skipped, candidates, rejected);
  }
  const kept = resolveOverlaps(dropRejectedSpans(candidates, rejected, skipped), skipped);
  if (kept.length === 0) return [];
  const starts = lineStarts(text);
  return kept.map((c) => makeFinding(c.rule, c.secret, c.start, c.end, c.confidence, fragment, starts));
}
function windows(text, offsets, after, skipped) {
  const regions = [];
  for (const offset of offsets) {
    const start = Math.max(0, offset - WINDOW_BEFORE);
    const end = Math.min(text.length, offset + after);
    const last = regions[regions.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else regions.push({ start, end });
  }
  if (regions.length > MAX_WINDOWS) {
    countSkip(skipped, "long-line-cut", regions.length - MAX_WINDOWS);
    regions.length = MAX_WINDOWS;
  }
  return regions;
}
function hasLongLine(text, maxLine) {
  if (text.length <= maxLine) return false;
  let prev = 0;
  let i = text.indexOf("\n");
  while (i !== -1) {
    if (i - prev > maxLine) return true;
    prev = i + 1;
    i = text.indexOf("\n", prev);
  }
  return text.length - prev > maxLine;
}
function matchRule(rule, text, region, ruleSet, skipped, out, rejected) {
  const whole = region.start === 0 && region.end === text.length;
  const subject = whole ? text : text.slice(region.start, region.end);
  const re = rule.regex;
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(subject)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    const secret = m[1];
    const span = m.indices?.[1];
    if (!secret || !span) continue;
    const start = region.start + span[0];
    const end = region.start + span[1];
    const reason = rejectReason(rule, secret, matchContext(text, region.start + m.index, region.start + m.index + m[0].length), text, start, end, ruleSet);
    if (reason) {
      countSkip(skipped, reason);
      continue;
    }
    const verdict = rule.validator ? VALIDATORS[rule.validator]?.(secret) ?? "unknown" : "unknown";
    if (verdict === "invalid") {
      countSkip(skipped, "validator-rejected");
      if (!rule.generic) rejected.push({ start, end });
      continue;
    }
    out.push({ rule, secret, start, end, confidence: verdict === "valid" ? "high" : rule.confidence, matchLength: m[0].length });
  }
}
function matchContext(text, matchStart, matchEnd) {
  return text.slice(lineStartWithin(text, matchStart, 64), matchEnd);
}
function rejectReason(rule, secret, match, text, start, end, ruleSet) {
  if (hasInlineAllow(text, start, end)) return "inline-allow";
  if (!rule.allowPlaceholders) {
    const p = placeholderReason(secret);
    if (p) return p;
  }
  if (rule.stopwords.length) {
    const lower = secret.toLowerCase();
    if (rule.stopwords.some((w) => lower.includes(w))) return "stopword";
  }
  if (rule.minEntropy !== void 0 && shannonEntropy(secret) < rule.minEntropy) return "low-entropy";
  if (rule.generic && !rule.allowPlaceholders) {
    const g = genericRejectReason(secret, match);
    if (g) return g;
  }
  if (rule.allowRegexes.some((r) => r.test(secret)) || rule.allowMatchRegexes.some((r) => r.test(match))) return "rule-allowlist";
  if (ruleSet.globalAllow?.(secret, match, rule)) return "rule-allowlist";
  return void 0;
}
function lineStartWithin(text, pos, reach) {
  const from = Math.max(0, pos - reach);
  return from + text.slice(from, pos).lastIndexOf("\n") + 1;
}
function hasInlineAllow(text, start, end) {
  const to = Math.min(text.length, end + INLINE_ALLOW_REACH);
  const nl = text.slice(end, to).indexOf("\n");
  return text.slice(lineStartWithin(text, start, INLINE_ALLOW_REACH), nl === -1 ? to : end + nl).includes("keywarden:allow");
}
function dropRejectedSpans(candidates, rejected, skipped) {
  if (rejected.length === 0) return candidates;
  return candidates.filter((c) => {
    const hit = c.rule.generic && rejected.some((r) => r.start < c.end && c.start < r.end);
    if (hit) countSkip(skipped, "validator-rejected");
    return !hit;
  });
}
function resolveOverlaps(candidates, skipped) {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const c of candidates) {
    let drop = false;
    for (let i = kept.length - 1; i >= 0; i--) {
      const k = kept[i];
      if (k.end <= c.start) {
        if (k.end + 65536 < c.start) break;
        continue;
      }
      if (c.rule.generic && !k.rule.generic) drop = true;
      else if (!c.rule.generic && k.rule.generic) {
        kept.splice(i, 1);
        countSkip(skipped, "superseded");
        continue;
      } else if (c.rule.generic && k.rule.generic) drop = true;
      else if (k.start === c.start && k.end === c.end && k.rule.id !== c.rule.id) {
        if (beats(c, k)) {
          kept.splice(i, 1);
          countSkip(skipped, "superseded");
          continue;
        }
        drop = true;
      }
      if (drop) break;
    }
    if (drop) countSkip(skipped, "superseded");
    else kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
function beats(c, k) {
  const byConfidence = rank(c.confidence) - rank(k.confidence);
  if (byConfidence !== 0) return byConfidence > 0;
  if (c.matchLength !== k.matchLength) return c.matchLength > k.matchLength;
  return c.rule.id < k.rule.id;
}
function rank(c) {
  return c === "high" ? 2 : c === "medium" ? 1 : 0;
}

// src/core/decode/base64.ts
var QUAD = "[C-DI-Za-f][A-HQ-Xg-nw-z0-3][A-Za-z0-9+/_-]{2}";
var BASE64_RUN = `${QUAD}${QUAD}[A-Za-z0-9+/_-]{8,}={0,2}`;
var BASE64_LEAD = `[:="'\`\\n>,] ?`;
var VALUE = new Int8Array(128).fill(-1);
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach((c, i) => VALUE[c.charCodeAt(0)] = i);
VALUE["-".charCodeAt(0)] = 62;
VALUE["_".charCodeAt(0)] = 63;
function isBase64Char(c) {
  return c < 128 && VALUE[c] >= 0;
}
function isBase64Text(run) {
  return decodesToText(run) && plausibleRun(run);
}
function decodeBase64(run) {
  return Buffer.from(run, "base64").toString("utf8");
}
function plausibleRun(run) {
  let n = run.length;
  while (run.charCodeAt(n - 1) === 61) n--;
  if (n % 4 === 1 || n < run.length && run.length % 4 !== 0) return false;
  let std = false;
  let url = false;
  let hex = true;
  for (let i = 0; i < n; i++) {
    const c = run.charCodeAt(i);
    if (c === 43 || c === 47) std = true;
    else if (c === 45 || c === 95) url = true;
    else if (hex && !(c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70)) hex = false;
  }
  return !(std && url) && !hex;
}
function decodesToText(run) {
  let n = run.length;
  while (run.charCodeAt(n - 1) === 61) n--;
  const total = Math.floor(n * 3 / 4);
  const maxControl = Math.floor(total / 20);
  const maxOther = total - Math.ceil(total * 9 / 10);
  let control = 0;
  let other = 0;
  let pending = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    acc = (acc << 6 | VALUE[run.charCodeAt(i)]) & 16777215;
    bits += 6;
    if (bits < 8) continue;
    bits -= 8;
    const b = acc >> bits & 255;
    if (pending > 0) {
      if ((b & 192) !== 128) return false;
      pending--;
    } else if (b >= 32 && b < 127 || b === 9 || b === 10 || b === 13) continue;
    else if (b < 128 && ++control > maxControl) return false;
    else if (b >= 128) pending = b >= 194 && b <= 223 ? 1 : b >= 224 && b <= 239 ? 2 : b >= 240 && b <= 244 ? 3 : -1;
    if (pending < 0 || ++other > maxOther) return false;
  }
  return pending === 0;
}

// src/core/decode/json-escape.ts
var JSON_ESCAPE = `\\\\(?:[nrt"'/]|u[0-9A-Fa-f]{4})`;
var HAS_ESCAPE = new RegExp(JSON_ESCAPE);
var MIN_LITERAL = 8;
function escapedLiterals(text, from, to) {
  const out = [];
  let i = from;
  while (i < to) {
    const q = text.charCodeAt(i);
    const close = q === 34 || q === 39 ? closingQuote(text, i + 1, to, q) : -1;
    if (close === -1) {
      i++;
      continue;
    }
    if (close - i - 1 >= MIN_LITERAL && HAS_ESCAPE.test(text.slice(i + 1, close))) out.push({ start: i + 1, end: close });
    i = close + 1;
  }
  return out;
}
function closingQuote(text, from, to, q) {
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === q) return j;
  }
  return -1;
}
var SIMPLE = { n: "\n", r: "\r", t: "	", b: "\b", f: "\f", v: "\v", 0: "\0" };
function unescapeLiteral(raw) {
  return raw.replace(/\\(u\{[0-9A-Fa-f]{1,6}\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[\s\S])/g, (_, e) => {
    if (e.length === 1) return SIMPLE[e] ?? e;
    if (e[1] === "{") return String.fromCodePoint(Math.min(parseInt(e.slice(2, -1), 16), 1114111));
    return String.fromCharCode(parseInt(e.slice(1), 16));
  });
}

// src/core/decode/percent.ts
var PERCENT_ESCAPE = "%[0-9A-Fa-f]{2}";
var MIN_PERCENT_RUN = 8;
var URL_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%!$*+,;:@/") URL_CHAR[c.charCodeAt(0)] = 1;
function isUrlChar(text, i) {
  const c = text.charCodeAt(i);
  return c < 128 && URL_CHAR[c] === 1;
}
function percentRunAt(text, index, floor) {
  let start = index;
  while (start > floor && isUrlChar(text, start - 1)) start--;
  let end = index + 3;
  while (end < text.length && isUrlChar(text, end)) end++;
  return { start, end };
}
function percentDecode(s) {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (seq) => {
    const bytes = new Uint8Array(seq.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(seq.slice(i * 3 + 1, i * 3 + 3), 16);
    return Buffer.from(bytes).toString("utf8");
  });
}

// src/core/decode/span.ts
var MAX_SPANS = 256;
var MAX_DECODED_CHARS = 1 << 20;
function newBudget(spans = MAX_SPANS, chars = MAX_DECODED_CHARS) {
  return { spans, chars, cut: 0 };
}
function spend(budget, decodedLength) {
  if (budget.spans <= 0 || budget.chars < decodedLength) {
    budget.cut++;
    return false;
  }
  budget.spans--;
  budget.chars -= decodedLength;
  return true;
}

// src/core/decode/find.ts
var SCAN = new RegExp(`${BASE64_LEAD}(${BASE64_RUN})|${PERCENT_ESCAPE}|${JSON_ESCAPE}|[Bb]asic (${BASE64_RUN})`, "g");
var HEAD = new RegExp(`^${BASE64_RUN}`);
function findEncodedSpans(text, budget = newBudget()) {
  const spans = [];
  const add = (encoding, start, end, decode) => {
    if (budget.spans <= 0) {
      budget.cut++;
      return;
    }
    const decoded = decode(text.slice(start, end));
    if (spend(budget, decoded.length)) spans.push({ encoding, start, end, decoded });
  };
  const addBase64 = (run, end) => {
    const next = text.charCodeAt(end);
    if (!isBase64Char(next) && next !== 61 && isBase64Text(run)) add("base64", end - run.length, end, decodeBase64);
  };
  const head = HEAD.exec(text);
  if (head) addBase64(head[0], head[0].length);
  let percentUntil = 0;
  let jsonUntil = 0;
  SCAN.lastIndex = 0;
  let m;
  while ((m = SCAN.exec(text)) !== null) {
    const run = m[1] ?? m[2];
    if (run !== void 0) addBase64(run, m.index + m[0].length);
    else if (m[0][0] === "%") {
      if (m.index < percentUntil) continue;
      const { start, end } = percentRunAt(text, m.index, percentUntil);
      percentUntil = end;
      if (end - start >= MIN_PERCENT_RUN) add("percent", start, end, percentDecode);
    } else if (m.index >= jsonUntil) {
      const lineStart = text.lastIndexOf("\n", m.index) + 1;
      jsonUntil = text.indexOf("\n", m.index);
      if (jsonUntil === -1) jsonUntil = text.length;
      for (const lit of escapedLiterals(text, lineStart, jsonUntil)) add("json-escape", lit.start, lit.end, unescapeLiteral);
    }
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

// src/core/decode/merge.ts
function mergeDecoded(plain, decoded, isGeneric, skipped) {
  let kept = [...plain];
  for (const d of decoded) {
    const here = kept.filter((k) => overlaps(k, d));
    if (here.some((k) => k.ruleId === d.ruleId || k.fingerprint === d.fingerprint)) {
      countSkip(skipped, "duplicate");
      continue;
    }
    const covering = here.filter((k) => covers(k, d));
    if (covering.length && (isGeneric(d.ruleId) || covering.some((k) => !isGeneric(k.ruleId)))) {
      countSkip(skipped, "superseded");
      continue;
    }
    if (covering.length) {
      kept = kept.filter((k) => !covering.includes(k));
      countSkip(skipped, "superseded", covering.length);
    }
    kept.push(d);
  }
  return kept.sort(byPosition);
}
function cmp(l1, c1, l2, c2) {
  return l1 - l2 || c1 - c2;
}
function overlaps(a, b) {
  return cmp(a.line, a.column, b.endLine, b.endColumn) < 0 && cmp(b.line, b.column, a.endLine, a.endColumn) < 0;
}
function covers(outer, inner) {
  return cmp(outer.line, outer.column, inner.line, inner.column) <= 0 && cmp(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn) <= 0;
}
function byPosition(a, b) {
  return cmp(a.line, a.column, b.line, b.column) || cmp(a.endLine, a.endColumn, b.endLine, b.endColumn);
}

// src/core/decode/view.ts
var CONTEXT_BEFORE = 160;
var CONTEXT_AFTER = 160;
function spliceView(text, span) {
  const left = lineBoundAfter(text, Math.max(0, span.start - CONTEXT_BEFORE), span.start);
  const right = lineBoundBefore(text, span.end, Math.min(text.length, span.end + CONTEXT_AFTER));
  const quote = needsQuotes(text, span) ? '"' : "";
  const before = text.slice(left, span.start) + quote;
  return { text: `${before}${span.decoded}${quote}${text.slice(span.end, right)}`, from: before.length, to: before.length + span.decoded.length };
}
function lineBoundAfter(text, from, to) {
  const nl = text.slice(from, to).lastIndexOf("\n");
  return nl === -1 ? from : from + nl + 1;
}
function lineBoundBefore(text, from, to) {
  const nl = text.slice(from, to).indexOf("\n");
  return nl === -1 ? to : from + nl;
}
function needsQuotes(text, span) {
  if (span.encoding === "json-escape" || /["'`\n]/.test(span.decoded)) return false;
  const before = text.charCodeAt(span.start - 1);
  return before !== 34 && before !== 39 && before !== 96;
}
function findingsInValue(view, findings) {
  if (findings.length === 0) return [];
  const starts = lineStarts(view.text);
  return findings.filter((f) => {
    const start = starts[f.line - 1] + f.column - 1;
    const end = starts[f.endLine - 1] + f.endColumn - 1;
    return start < view.to && end > view.from;
  });
}

// src/core/decode/rescan.ts
var DEFAULT_DECODE_DEPTH = 2;
function detectWithDecoding(fragment, ruleSet, skipped = {}, depth = DEFAULT_DECODE_DEPTH) {
  const plain = detectFragment(fragment, ruleSet, skipped);
  if (depth <= 0) return plain;
  const ctx = { base: identity(fragment), ruleSet, skipped, budget: newBudget() };
  const spans = findEncodedSpans(fragment.text, ctx.budget);
  const decoded = [];
  let starts;
  for (const span of spans) {
    const found = spanFindings(fragment.text, span, ctx, depth);
    if (found.length === 0) continue;
    if (hasInlineAllow2(fragment.text, span)) {
      countSkip(skipped, "inline-allow", found.length);
      continue;
    }
    starts ??= lineStarts(fragment.text);
    const at = spanLocation(fragment, starts, span);
    for (const f of found) decoded.push(withSecret({ ...f, ...at, decodedFrom: span.encoding }, secretOf(f) ?? ""));
  }
  if (ctx.budget.cut) countSkip(skipped, "decode-cut", ctx.budget.cut);
  return decoded.length ? mergeDecoded(plain, decoded, genericLookup(ruleSet), skipped) : plain;
}
function spanFindings(text, span, ctx, depth) {
  const view = spliceView(text, span);
  const found = findingsInValue(view, detectFragment({ ...ctx.base, text: view.text }, ctx.ruleSet, ctx.skipped));
  if (depth > 1) {
    for (const inner of findEncodedSpans(span.decoded, ctx.budget)) found.push(...spanFindings(span.decoded, inner, ctx, depth - 1));
  }
  return found;
}
function identity(fragment) {
  const { text: _text, startLine: _start, lineNumbers: _lines, ...rest } = fragment;
  return rest;
}
function spanLocation(fragment, starts, span) {
  const a = positionAt(starts, span.start);
  const b = positionAt(starts, span.end - 1);
  return { line: fileLine(fragment, a.lineIndex), column: a.column, endLine: fileLine(fragment, b.lineIndex), endColumn: b.column + 1 };
}
function hasInlineAllow2(text, span) {
  const from = text.lastIndexOf("\n", span.start - 1) + 1;
  let to = text.indexOf("\n", span.end);
  if (to === -1) to = text.length;
  return to - from <= 1e5 && text.slice(from, to).includes("keywarden:allow");
}
var genericByRuleSet = /* @__PURE__ */ new WeakMap();
function genericLookup(ruleSet) {
  let lookup = genericByRuleSet.get(ruleSet);
  if (!lookup) {
    const generic = new Set(ruleSet.rules.filter((r) => r.generic).map((r) => r.id));
    lookup = (id) => generic.has(id);
    genericByRuleSet.set(ruleSet, lookup);
  }
  return lookup;
}

// src/rules/compile.ts
var import_micromatch = __toESM(require_micromatch(), 1);
var RuleError = class extends Error {
  ruleId;
  source;
  constructor(ruleId, source, detail) {
    super(`rule ${ruleId}${source ? ` (${source})` : ""}: ${detail}`);
    this.name = "RuleError";
    this.ruleId = ruleId;
    this.source = source;
  }
};
function captureGroupCount(source, flags = "") {
  return (new RegExp(`${source}|`, flags).exec("")?.length ?? 1) - 1;
}
function compileRegex(spec, source) {
  const flags = spec.flags ?? "";
  if (!/^[is]*$/.test(flags)) throw new RuleError(spec.id, source, `flags "${flags}" not supported (only i and s)`);
  let re;
  try {
    re = new RegExp(spec.pattern, `gd${flags}`);
  } catch (e) {
    throw new RuleError(spec.id, source, `invalid pattern: ${e.message}`);
  }
  const groups = captureGroupCount(spec.pattern, flags);
  if (groups !== 1) throw new RuleError(spec.id, source, `pattern must have exactly one capture group (the secret), found ${groups}`);
  return re;
}
function compileList(spec, list, what, source) {
  return (list ?? []).map((p) => {
    try {
      return new RegExp(p);
    } catch (e) {
      throw new RuleError(spec.id, source, `invalid allowlist ${what} ${JSON.stringify(p)}: ${e.message}`);
    }
  });
}
function pathSkipper(spec) {
  const deny = globMatcher(spec.allowlist?.paths);
  const only = globMatcher(spec.paths);
  if (!deny && !only) return () => false;
  return (path) => (deny ? deny(path) : false) || (only ? !only(path) : false);
}
function globMatcher(globs) {
  if (!globs?.length) return void 0;
  const res = globs.map((g) => import_micromatch.default.makeRe(g, { dot: true }));
  return (path) => res.some((r) => r.test(path));
}
function compileRule(spec, source) {
  return {
    id: spec.id,
    name: spec.name,
    description: spec.description ?? spec.name,
    severity: spec.severity,
    confidence: spec.confidence ?? "medium",
    regex: compileRegex(spec, source),
    keywords: spec.keywords.map((k) => k.toLowerCase()),
    minEntropy: spec.entropy,
    generic: spec.generic ?? false,
    allowPlaceholders: spec.allowPlaceholders ?? false,
    validator: spec.validator,
    playbook: spec.playbook,
    skipsPath: pathSkipper(spec),
    allowRegexes: compileList(spec, spec.allowlist?.regexes, "regex", source),
    allowMatchRegexes: compileList(spec, spec.allowlist?.matchRegexes, "matchRegex", source),
    stopwords: (spec.allowlist?.stopwords ?? []).map((s) => s.toLowerCase()),
    spec
  };
}

// src/rules/ruleset.ts
function compileRuleSet(specs, options = {}) {
  const byId = /* @__PURE__ */ new Map();
  for (const s of specs) byId.set(s.spec.id, s);
  const disable = new Set(options.disable ?? []);
  const enable = new Set(options.enable ?? []);
  const rules = [];
  for (const { spec, source } of byId.values()) {
    if (disable.has(spec.id)) continue;
    if (spec.enabled === false && !enable.has(spec.id)) continue;
    rules.push(compileRule(spec, source));
  }
  return buildRuleSet(rules, { globalAllow: options.globalAllow, maxLineLength: options.maxLineLength });
}

// src/engine/worker.ts
var port = parentPort;
if (port) {
  const rules = workerData;
  const ruleSet = compileRuleSet(rules.specs, rules.options);
  port.on("message", (msg) => {
    const skipped = {};
    const results = msg.batch.map(({ id, fragment }) => {
      try {
        const findings = detectWithDecoding(fragment, ruleSet, skipped);
        return { id, findings, secrets: findings.map((f) => secretOf(f) ?? "") };
      } catch (e) {
        return { id, error: e instanceof Error ? e.message : String(e) };
      }
    });
    port.postMessage({ results, skipped });
  });
}
