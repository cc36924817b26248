;; The keyword prefilter's hot loop (see gram-scan.ts): one pass over the text's bytes that finds
;; every offset where a keyword begins, case-folded, and which keyword (the longest) it is. Compiled
;; to gram-scan-bytes.ts by scripts/wasm.mjs; no native code, so it runs wherever Node does.
(module
  ;; [0, 256): byte -> 6-bit keyword character code (0: in no keyword).
  ;; [1024, 1024 + 2 MiB): bitmap over the 24-bit gram of four codes, set where a keyword begins
  ;;   (read as little-endian u32 words: bit g is bit g & 31 of the word at byte (g >> 3) & ~3).
  ;; [SHORT3 = 1024 + 2 MiB, + 32 KiB): bitmap over the 18-bit gram of three codes, set for each
  ;;   three-character keyword; [SHORT2 = SHORT3 + 32 KiB, + 512): the same over two codes for each
  ;;   two-character keyword. They spare a mark that no short keyword can explain two hash probes.
  ;; [SIEVE = SHORT2 + 512, + 128 KiB): bitmap over $hash6 values: of a keyword's first six codes
  ;;   (6+ characters), of its first four and 4096 (4 or 5 characters), of its three codes and 8192, of
  ;;   its two codes and 12288 (see $mark).
  ;; The caller grows the memory and places the keyword table, the input and the output after it.
  ;; Keyword table (at $table): 4,096 slots of (key u32, list address u32), open addressing with
  ;; linear probing, key 0 = empty. A key is a keyword's first four codes (4+ characters), or
  ;; 1<<25 | its three codes, or 1<<26 | its two codes. A list is records of (keyword index u32,
  ;; codes address u32, length u32), longest keyword first, ended by a record of length 0.
  (memory (export "memory") 34)

  ;; scan(input, n, limit, out, table, marks) -> count. For each byte i of input[0, n), the gram of
  ;; bytes i-3..i is looked up; the offset s = i-3 of a set bit is written at marks (u32). Then each
  ;; mark in [0, limit) is confirmed against the keyword lists, and a keyword found there writes
  ;; (s u32, keyword index u32) at out. The caller pads the text with zero bytes (3 counted in n, and
  ;; at least as many more as the longest keyword and 8, so that neither a comparison nor the loop,
  ;; which takes four bytes a turn, reads past the padding), and leaves room for n + 4 marks.
  ;; Four bytes a turn with the gram kept unmasked (a shift and an or per byte on the loop-carried
  ;; path; the index masks it) measured 10-15% faster than one byte a turn. Two passes, the first with
  ;; no call (so its locals stay in registers), measured ~10% faster than confirming in the loop.
  (func (export "scan") (param $in i32) (param $n i32) (param $limit i32) (param $out i32) (param $table i32) (param $marks i32) (result i32)
    (local $i i32) (local $w i32) (local $k i32) (local $p i32) (local $c i32) (local $s i32)
    (local.set $c (local.get $marks))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $p (i32.add (local.get $in) (local.get $i)))
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 6)) (i32.load8_u (i32.load8_u offset=0 (local.get $p)))))
        (if (i32.and (i32.shr_u (i32.load offset=1024 (i32.and (i32.shr_u (local.get $w) (i32.const 3)) (i32.const 0x1ffffc))) (local.get $w)) (i32.const 1))
          (then (i32.store (local.get $c) (i32.sub (local.get $i) (i32.const 3))) (local.set $c (i32.add (local.get $c) (i32.const 4)))))
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 6)) (i32.load8_u (i32.load8_u offset=1 (local.get $p)))))
        (if (i32.and (i32.shr_u (i32.load offset=1024 (i32.and (i32.shr_u (local.get $w) (i32.const 3)) (i32.const 0x1ffffc))) (local.get $w)) (i32.const 1))
          (then (i32.store (local.get $c) (i32.sub (local.get $i) (i32.const 2))) (local.set $c (i32.add (local.get $c) (i32.const 4)))))
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 6)) (i32.load8_u (i32.load8_u offset=2 (local.get $p)))))
        (if (i32.and (i32.shr_u (i32.load offset=1024 (i32.and (i32.shr_u (local.get $w) (i32.const 3)) (i32.const 0x1ffffc))) (local.get $w)) (i32.const 1))
          (then (i32.store (local.get $c) (i32.sub (local.get $i) (i32.const 1))) (local.set $c (i32.add (local.get $c) (i32.const 4)))))
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 6)) (i32.load8_u (i32.load8_u offset=3 (local.get $p)))))
        (if (i32.and (i32.shr_u (i32.load offset=1024 (i32.and (i32.shr_u (local.get $w) (i32.const 3)) (i32.const 0x1ffffc))) (local.get $w)) (i32.const 1))
          (then (i32.store (local.get $c) (i32.sub (local.get $i) (i32.const 0))) (local.set $c (i32.add (local.get $c) (i32.const 4)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    ;; The marks, in order: the gram of each recomputed from its four bytes.
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $marks) (local.get $c)))
        (local.set $s (i32.load (local.get $marks)))
        (local.set $marks (i32.add (local.get $marks) (i32.const 4)))
        (local.set $p (i32.add (local.get $in) (local.get $s)))
        (local.set $k (call $mark (local.get $in) (local.get $s)
          (i32.or
            (i32.or (i32.shl (i32.load8_u (i32.load8_u (local.get $p))) (i32.const 18)) (i32.shl (i32.load8_u (i32.load8_u offset=1 (local.get $p))) (i32.const 12)))
            (i32.or (i32.shl (i32.load8_u (i32.load8_u offset=2 (local.get $p))) (i32.const 6)) (i32.load8_u (i32.load8_u offset=3 (local.get $p)))))
          (local.get $limit) (local.get $out) (local.get $k) (local.get $table)))
        (br $each)))
    (local.get $k))

  ;; A mark at offset $s (gram $g): confirmed, and written at out[$k] when a keyword starts there; the new count.
  ;; Most marks are a long keyword's first four characters followed by others (`buil` of `build`, not
  ;; `builtin`): a mark is confirmed only when SIEVE has one of the four hashes a keyword at $s would
  ;; have set, a test of independent loads from a small bitmap, cheaper than the table's dependent ones.
  (func $mark (param $in i32) (param $s i32) (param $g i32) (param $limit i32) (param $out i32) (param $k i32) (param $table i32) (result i32)
    (local $ki i32) (local $p i32)
    (if (i32.ge_u (local.get $s) (local.get $limit)) (then (return (local.get $k))))
    (local.set $g (i32.and (local.get $g) (i32.const 0xffffff)))
    (local.set $p (i32.add (local.get $in) (local.get $s)))
    (if (i32.eqz (i32.or
          (i32.or
            (call $sieved (call $hash6 (local.get $g) (i32.or (i32.shl (i32.load8_u (i32.load8_u offset=4 (local.get $p))) (i32.const 6)) (i32.load8_u (i32.load8_u offset=5 (local.get $p))))))
            (call $sieved (call $hash6 (local.get $g) (i32.const 4096))))
          (i32.or
            (call $sieved (call $hash6 (i32.and (local.get $g) (i32.const 0xffffc0)) (i32.const 8192)))
            (call $sieved (call $hash6 (i32.and (local.get $g) (i32.const 0xfff000)) (i32.const 12288))))))
      (then (return (local.get $k))))
    (local.set $ki (call $confirm (local.get $in) (local.get $s) (local.get $g) (local.get $table)))
    (if (i32.lt_s (local.get $ki) (i32.const 0)) (then (return (local.get $k))))
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))) (local.get $s))
    (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))) (local.get $ki))
    (i32.add (local.get $k) (i32.const 1)))

  ;; The 20-bit hash of a 24-bit gram and a number below 16384 (gram-scan.ts sets SIEVE with it too).
  (func $hash6 (export "hash6") (param $g i32) (param $next i32) (result i32)
    (i32.shr_u (i32.mul (i32.xor (i32.mul (local.get $g) (i32.const 0x9e3779b1)) (local.get $next)) (i32.const 0x85ebca6b)) (i32.const 12)))

  ;; 1 when bit $h of SIEVE is set, else 0.
  (func $sieved (param $h i32) (result i32)
    (i32.and (i32.shr_u (i32.load offset=2131456 (;SIEVE;) (i32.and (i32.shr_u (local.get $h) (i32.const 3)) (i32.const 0x1fffc))) (local.get $h)) (i32.const 1)))

  ;; The longest keyword at offset $s whose first four codes form gram $w, or -1: keywords of 4+
  ;; characters first, then 3, then 2 (looked up only when the SHORT3 or SHORT2 bitmap has the gram).
  (func $confirm (param $in i32) (param $s i32) (param $w i32) (param $table i32) (result i32)
    (local $r i32)
    (local.set $r (call $within (local.get $in) (local.get $s) (local.get $w) (i32.const 4) (local.get $table)))
    (if (i32.ge_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))
    (if (i32.and (i32.shr_u (i32.load8_u offset=2098176 (;SHORT3;) (i32.shr_u (local.get $w) (i32.const 9))) (i32.and (i32.shr_u (local.get $w) (i32.const 6)) (i32.const 7))) (i32.const 1))
      (then
        (local.set $r (call $within (local.get $in) (local.get $s) (i32.or (i32.const 0x2000000) (i32.shr_u (local.get $w) (i32.const 6))) (i32.const 3) (local.get $table)))
        (if (i32.ge_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))))
    (if (i32.and (i32.shr_u (i32.load8_u offset=2130944 (;SHORT2;) (i32.shr_u (local.get $w) (i32.const 15))) (i32.and (i32.shr_u (local.get $w) (i32.const 12)) (i32.const 7))) (i32.const 1))
      (then (return (call $within (local.get $in) (local.get $s) (i32.or (i32.const 0x4000000) (i32.shr_u (local.get $w) (i32.const 12))) (i32.const 2) (local.get $table)))))
    (i32.const -1))

  ;; The first keyword of the list under $key whose codes from $from on match the input at $s, or -1.
  (func $within (param $in i32) (param $s i32) (param $key i32) (param $from i32) (param $table i32) (result i32)
    (local $h i32) (local $e i32) (local $p i32) (local $len i32) (local $codes i32) (local $j i32)
    (local.set $h (i32.shr_u (i32.mul (local.get $key) (i32.const 0x9e3779b1)) (i32.const 20)))
    (block $found
      (loop $probe
        (local.set $e (i32.add (local.get $table) (i32.shl (local.get $h) (i32.const 3))))
        (if (i32.eqz (i32.load (local.get $e))) (then (return (i32.const -1))))
        (br_if $found (i32.eq (i32.load (local.get $e)) (local.get $key)))
        (local.set $h (i32.and (i32.add (local.get $h) (i32.const 1)) (i32.const 4095)))
        (br $probe)))
    (local.set $p (i32.load offset=4 (local.get $e)))
    (block $end
      (loop $candidate
        (local.set $len (i32.load offset=8 (local.get $p)))
        (br_if $end (i32.eqz (local.get $len)))
        (local.set $codes (i32.load offset=4 (local.get $p)))
        (local.set $j (local.get $from))
        (block $differs
          (loop $compare
            (if (i32.ge_u (local.get $j) (local.get $len)) (then (return (i32.load (local.get $p)))))
            (br_if $differs
              (i32.ne
                (i32.load8_u (i32.load8_u (i32.add (local.get $in) (i32.add (local.get $s) (local.get $j)))))
                (i32.load8_u (i32.add (local.get $codes) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $compare)))
        (local.set $p (i32.add (local.get $p) (i32.const 12)))
        (br $candidate)))
    (i32.const -1))
)
