;; The keyword prefilter's hot loop (see gram-scan.ts): one pass over the text's bytes that reports
;; every offset where the next four case-folded characters begin a keyword. Compiled to
;; gram-scan-bytes.ts by scripts/wasm.mjs; no native code, so it runs wherever Node does.
(module
  ;; [0, 256): byte -> 6-bit keyword character code (0: in no keyword).
  ;; [1024, 1024 + 2 MiB): bitmap over the 24-bit gram of four codes, set where a keyword begins.
  ;; The caller grows the memory and places the input and the output after the bitmap.
  (memory (export "memory") 33)
  ;; scan(input, n, out) -> count. For each byte i of input[0, n), the gram of bytes i-3..i is looked
  ;; up; a set bit writes the offset i-3 (u32) at out. The caller pads the text with 3 zero bytes
  ;; (counted in n) so that keywords ending at the last byte are seen, and drops offsets below 0.
  (func (export "scan") (param $in i32) (param $n i32) (param $out i32) (result i32)
    (local $i i32) (local $w i32) (local $k i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $w
          (i32.and
            (i32.or
              (i32.shl (local.get $w) (i32.const 6))
              (i32.load8_u (i32.load8_u (i32.add (local.get $in) (local.get $i)))))
            (i32.const 0xffffff)))
        (if (i32.and
              (i32.shr_u
                (i32.load8_u (i32.add (i32.const 1024) (i32.shr_u (local.get $w) (i32.const 3))))
                (i32.and (local.get $w) (i32.const 7)))
              (i32.const 1))
          (then
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))
                       (i32.sub (local.get $i) (i32.const 3)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $k))
)
