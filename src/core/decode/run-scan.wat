;; The encoded-run scanner's loop (see run-scan.ts): the same matches as the combined regex of
;; runs.ts (`[:="'`\n>,] ?(RUN)|%XX|\\(?:[nrt"'/]|uXXXX)|[Bb]asic (RUN)`, each match ending where the
;; next search starts), then what runs.ts does with them: base64 runs, percent-encoded runs around
;; a `%XX`, and each line holding an escape tokenised into its quoted literals. Compiled to
;; run-scan-bytes.ts by scripts/wasm.mjs.
;;
;; A regex match can start only at a `%`, a `\`, or just before a run of 16+ base64 characters, so
;; the text is read once 16 characters at a time (SIMD), keeping two bitmaps: base64 characters and
;; `%`/`\`. Runs of 16+ come out of the first with a few shifts per 64 characters; only their starts
;; and the `%`/`\` are looked at one by one, in text order, so a match hides what it covers as the
;; regex's own does (a `\"` hides the `"` lead of a run after it).
;;
;; The input is the text as bytes when it has no character above U+00FF (Latin-1, a copy), else as
;; UTF-16 code units narrowed here in place to one byte per character with unsigned saturation, so
;; such a character becomes 0x00 or 0xFF: like every character from U+0080 up, in no class. The byte
;; offsets are the text's UTF-16 offsets.
(module
  ;; [0, 256): class bits of each byte (run-scan.ts fills them from the regexes' own classes):
  ;;   1 base64 char, 2 first char of a text-like group ([C-DI-Za-f]), 4 second char
  ;;   ([A-HQ-Xg-nw-z0-3]), 8 a run's lead ([:="'`\n>,]), 16 hex digit, 32 URL char (percent.ts),
  ;;   64 escape letter of a quiet literal (quiet.ts: its control character is in no keyword),
  ;;   128 one-letter JSON escape ([nrt"'/]).
  ;; [256, 272), [272, 288): nibble tables for the SIMD pass: for byte c, HI[c >> 4] & LO[c & 15]
  ;;   has one of bits 0-4 set for a base64 char, bit 6 for `%`, bit 7 for `\`.
  (memory (export "memory") 1)

  (global $in (mut i32) (i32.const 0))
  (global $bitmaps (mut i32) (i32.const 0))
  (global $n (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))
  (global $cap (mut i32) (i32.const 0))
  (global $k (mut i32) (i32.const 0))
  (global $minPercent (mut i32) (i32.const 0))
  (global $minLiteral (mut i32) (i32.const 0))
  ;; The text's keyword hits (pairs of i32: offset, keyword; sorted by offset), how many, the first not before the last literal's
  ;; view, and how much text a view keeps around a literal (view.ts).
  (global $hits (mut i32) (i32.const 0))
  (global $hitCount (mut i32) (i32.const 0))
  (global $hitCursor (mut i32) (i32.const 0))
  (global $contextBefore (mut i32) (i32.const 0))
  (global $contextAfter (mut i32) (i32.const 0))
  ;; Where the next regex search starts (the end of the last match), the end of the last percent
  ;; run and the end of the last tokenised line (runs.ts: percentUntil, jsonUntil).
  (global $lastEnd (mut i32) (i32.const 0))
  (global $percentUntil (mut i32) (i32.const 0))
  (global $jsonUntil (mut i32) (i32.const 0))

  ;; scan(input, n, bitmaps, out, cap, minPercent, minLiteral, hits, hitCount, contextBefore,
  ;; contextAfter, wide) -> records, or -1 when more than cap. input holds the n characters, as bytes
  ;; (Latin-1), or with wide set as UTF-16 code units, and room after them for zeros up to the next
  ;; multiple of 64 characters and 64 more (written here, read and classified too); the 16 bytes
  ;; before it are zero. bitmaps has room for 2 * 8 * (n / 64 + 2) bytes. A record is
  ;; three i32 (kind, start, end) at out: 1 base64 run, 2 percent run, 3 an escaped literal's
  ;; content, unless it is quiet and none of the hitCount keyword hits at hits (KeywordHits: pairs
  ;; of i32 offset and keyword, sorted by offset) lies in the text its view keeps.
  (func (export "scan") (param $input i32) (param $n i32) (param $bitmaps i32) (param $out i32) (param $cap i32) (param $minPercent i32) (param $minLiteral i32) (param $hits i32) (param $hitCount i32) (param $contextBefore i32) (param $contextAfter i32) (param $wide i32) (result i32)
    (local $words i32) (local $w i32) (local $j i32) (local $c i32) (local $p i32)
    (local $hiTable v128) (local $loTable v128) (local $v v128) (local $x v128)
    (local $b64 i32) (local $special i32) (local $b64lo i32) (local $speciallo i32) (local $sb i32) (local $q i32)
    (local $nibble v128) (local $low5 v128) (local $zero v128)
    (local $m i64) (local $r i64) (local $h i64) (local $carry i64) (local $u i64) (local $pos i32)
    (global.set $in (local.get $input))
    (global.set $bitmaps (local.get $bitmaps))
    (global.set $n (local.get $n))
    (global.set $out (local.get $out))
    (global.set $cap (local.get $cap))
    (global.set $k (i32.const 0))
    (global.set $minPercent (local.get $minPercent))
    (global.set $minLiteral (local.get $minLiteral))
    (global.set $hits (local.get $hits))
    (global.set $hitCount (local.get $hitCount))
    (global.set $hitCursor (i32.const 0))
    (global.set $contextBefore (local.get $contextBefore))
    (global.set $contextAfter (local.get $contextAfter))
    (global.set $lastEnd (i32.const 0))
    (global.set $percentUntil (i32.const 0))
    (global.set $jsonUntil (i32.const 0))
    (local.set $hiTable (v128.load (i32.const 256)))
    (local.set $loTable (v128.load (i32.const 272)))
    (local.set $words (i32.shr_u (i32.add (local.get $n) (i32.const 63)) (i32.const 6)))
    (local.set $sb (i32.add (local.get $bitmaps) (i32.shl (i32.add (local.get $words) (i32.const 2)) (i32.const 3))))
    ;; Zeros after the text, to the end of its last word and one word more, and 64 bytes beyond.
    (local.set $c (i32.shl (i32.add (i32.mul (i32.add (local.get $words) (i32.const 1)) (i32.const 64)) (i32.const 64)) (local.get $wide)))
    (local.set $p (i32.shl (local.get $n) (local.get $wide)))
    (memory.fill (i32.add (local.get $input) (local.get $p)) (i32.const 0) (i32.sub (local.get $c) (local.get $p)))
    (local.set $c (i32.const 0))
    ;; UTF-16 input (wide): narrowed in place first, 16 units at a time, each stored below where it
    ;; was read (c + 16 <= 2c + 32), over the padding too.
    (if (local.get $wide)
      (then
        (loop $narrow
          (local.set $p (i32.add (local.get $input) (i32.shl (local.get $c) (i32.const 1))))
          (v128.store (i32.add (local.get $input) (local.get $c))
            (i8x16.narrow_i16x8_u (v128.load (local.get $p)) (v128.load offset=16 (local.get $p))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (br_if $narrow (i32.lt_u (local.get $c) (i32.shl (i32.add (local.get $words) (i32.const 1)) (i32.const 6)))))))
    ;; Pass 1, over words 0..words (the last one all padding): classify 64 characters a word, 16 at a
    ;; time, into two halves of 32 bits (the base64 test gives the non-base64 characters: the word's
    ;; bitmap is their complement).
    (local.set $nibble (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (local.set $low5 (v128.const i8x16 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31))
    (loop $word
      (local.set $c (i32.shl (local.get $w) (i32.const 6)))
      (local.set $q (i32.add (local.get $input) (local.get $c)))
      (local.set $b64 (i32.const 0))
      (local.set $special (i32.const 0))
      ;; characters 0..15
      (local.set $v (v128.load offset=0 (local.get $q)))
      (local.set $x (v128.and
        (i8x16.swizzle (local.get $hiTable) (v128.and (i16x8.shr_u (local.get $v) (i32.const 4)) (local.get $nibble)))
        (i8x16.swizzle (local.get $loTable) (v128.and (local.get $v) (local.get $nibble)))))
      (local.set $b64 (i32.or (local.get $b64) (i32.shl (i8x16.bitmask (i8x16.eq (v128.and (local.get $x) (local.get $low5)) (local.get $zero))) (i32.const 0))))
      (local.set $special (i32.or (local.get $special) (i32.shl (i8x16.bitmask (v128.or (local.get $x) (i8x16.add (local.get $x) (local.get $x)))) (i32.const 0))))
      ;; characters 16..31
      (local.set $v (v128.load offset=16 (local.get $q)))
      (local.set $x (v128.and
        (i8x16.swizzle (local.get $hiTable) (v128.and (i16x8.shr_u (local.get $v) (i32.const 4)) (local.get $nibble)))
        (i8x16.swizzle (local.get $loTable) (v128.and (local.get $v) (local.get $nibble)))))
      (local.set $b64 (i32.or (local.get $b64) (i32.shl (i8x16.bitmask (i8x16.eq (v128.and (local.get $x) (local.get $low5)) (local.get $zero))) (i32.const 16))))
      (local.set $special (i32.or (local.get $special) (i32.shl (i8x16.bitmask (v128.or (local.get $x) (i8x16.add (local.get $x) (local.get $x)))) (i32.const 16))))
      (local.set $b64lo (local.get $b64))
      (local.set $speciallo (local.get $special))
      (local.set $b64 (i32.const 0))
      (local.set $special (i32.const 0))
      ;; characters 32..47
      (local.set $v (v128.load offset=32 (local.get $q)))
      (local.set $x (v128.and
        (i8x16.swizzle (local.get $hiTable) (v128.and (i16x8.shr_u (local.get $v) (i32.const 4)) (local.get $nibble)))
        (i8x16.swizzle (local.get $loTable) (v128.and (local.get $v) (local.get $nibble)))))
      (local.set $b64 (i32.or (local.get $b64) (i32.shl (i8x16.bitmask (i8x16.eq (v128.and (local.get $x) (local.get $low5)) (local.get $zero))) (i32.const 0))))
      (local.set $special (i32.or (local.get $special) (i32.shl (i8x16.bitmask (v128.or (local.get $x) (i8x16.add (local.get $x) (local.get $x)))) (i32.const 0))))
      ;; characters 48..63
      (local.set $v (v128.load offset=48 (local.get $q)))
      (local.set $x (v128.and
        (i8x16.swizzle (local.get $hiTable) (v128.and (i16x8.shr_u (local.get $v) (i32.const 4)) (local.get $nibble)))
        (i8x16.swizzle (local.get $loTable) (v128.and (local.get $v) (local.get $nibble)))))
      (local.set $b64 (i32.or (local.get $b64) (i32.shl (i8x16.bitmask (i8x16.eq (v128.and (local.get $x) (local.get $low5)) (local.get $zero))) (i32.const 16))))
      (local.set $special (i32.or (local.get $special) (i32.shl (i8x16.bitmask (v128.or (local.get $x) (i8x16.add (local.get $x) (local.get $x)))) (i32.const 16))))
      (i64.store (i32.add (local.get $bitmaps) (i32.shl (local.get $w) (i32.const 3)))
        (i64.xor (i64.or (i64.extend_i32_u (local.get $b64lo)) (i64.shl (i64.extend_i32_u (local.get $b64)) (i64.const 32))) (i64.const -1)))
      (i64.store (i32.add (local.get $sb) (i32.shl (local.get $w) (i32.const 3)))
        (i64.or (i64.extend_i32_u (local.get $speciallo)) (i64.shl (i64.extend_i32_u (local.get $special)) (i64.const 32))))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (br_if $word (i32.le_u (local.get $w) (local.get $words))))
    ;; A newline just past the text ends its last line for the line search ($escape); no class
    ;; test reads it as part of a match.
    (i32.store8 (i32.add (local.get $input) (local.get $n)) (i32.const 10))
    ;; Pass 2: in text order, the start of each run of 16+ base64 characters and each `%` or `\`.
    (local.set $w (i32.const 0))
    (block $done
      (loop $word2
        (br_if $done (i32.ge_u (local.get $w) (local.get $words)))
        (local.set $m (i64.load (i32.add (local.get $bitmaps) (i32.shl (local.get $w) (i32.const 3)))))
        (local.set $h (i64.load offset=8 (i32.add (local.get $bitmaps) (i32.shl (local.get $w) (i32.const 3)))))
        ;; r bit i: characters i..i+15 are all base64 (h: the same for the next word, as far as
        ;; needed). Such a run holds an aligned byte of m or the first byte of h all set: without one
        ;; (a test for a zero byte in ~m), r is 0.
        (local.set $r (i64.and (local.get $m) (i64.or (i64.shr_u (local.get $m) (i64.const 1)) (i64.shl (local.get $h) (i64.const 63)))))
        (local.set $h (i64.and (local.get $h) (i64.shr_u (local.get $h) (i64.const 1))))
        (local.set $r (i64.and (local.get $r) (i64.or (i64.shr_u (local.get $r) (i64.const 2)) (i64.shl (local.get $h) (i64.const 62)))))
        (local.set $h (i64.and (local.get $h) (i64.shr_u (local.get $h) (i64.const 2))))
        (local.set $r (i64.and (local.get $r) (i64.or (i64.shr_u (local.get $r) (i64.const 4)) (i64.shl (local.get $h) (i64.const 60)))))
        (local.set $h (i64.and (local.get $h) (i64.shr_u (local.get $h) (i64.const 4))))
        (local.set $r (i64.and (local.get $r) (i64.or (i64.shr_u (local.get $r) (i64.const 8)) (i64.shl (local.get $h) (i64.const 56)))))
        (local.set $u (i64.or
          (i64.and (local.get $r) (i64.xor (i64.or (i64.shl (local.get $m) (i64.const 1)) (local.get $carry)) (i64.const -1)))
          (i64.load (i32.add (local.get $sb) (i32.shl (local.get $w) (i32.const 3))))))
        (local.set $carry (i64.shr_u (local.get $m) (i64.const 63)))
        (block $none
          (loop $bit
            (br_if $none (i64.eqz (local.get $u)))
            (local.set $pos (i32.add (i32.shl (local.get $w) (i32.const 6)) (i32.wrap_i64 (i64.ctz (local.get $u)))))
            (local.set $c (i32.load8_u (i32.add (local.get $input) (local.get $pos))))
            (if (i32.eq (local.get $c) (i32.const 37))
              (then (call $percent (local.get $pos)))
              (else (if (i32.eq (local.get $c) (i32.const 92))
                (then (call $escape (local.get $pos)))
                (else
                  ;; Most runs follow no lead nor space: passed over here. (At 0, the byte read is
                  ;; below the input, a zero.)
                  (local.set $q (i32.add (local.get $input) (local.get $pos)))
                  (local.set $c (i32.load8_u (i32.sub (local.get $q) (i32.const 1))))
                  (if (i32.or (i32.and (i32.load8_u (local.get $c)) (i32.const 8)) (i32.eq (local.get $c) (i32.const 32)))
                    (then
                      ;; and most of the rest fail the text-like groups (checked again there)
                      (if (i32.eq (i32.const 6) (i32.or
                            (i32.and (i32.and (i32.load8_u (i32.load8_u (local.get $q))) (i32.load8_u (i32.load8_u offset=4 (local.get $q)))) (i32.const 2))
                            (i32.and (i32.and (i32.load8_u (i32.load8_u offset=1 (local.get $q))) (i32.load8_u (i32.load8_u offset=5 (local.get $q)))) (i32.const 4))))
                        (then (call $base64 (local.get $pos))))))))))
            (local.set $u (i64.and (local.get $u) (i64.sub (local.get $u) (i64.const 1))))
            (br $bit)))
        (local.set $w (i32.add (local.get $w) (i32.const 1)))
        (br $word2)))
    (if (result i32) (i32.gt_u (global.get $k) (global.get $cap)) (then (i32.const -1)) (else (global.get $k))))

  (func $byte (param $i i32) (result i32)
    (i32.load8_u (i32.add (global.get $in) (local.get $i))))

  ;; Class bits of the character at $i.
  (func $class (param $i i32) (result i32)
    (i32.load8_u (i32.load8_u (i32.add (global.get $in) (local.get $i)))))

  (func $is (param $i i32) (param $bits i32) (result i32)
    (i32.ne (i32.and (call $class (local.get $i)) (local.get $bits)) (i32.const 0)))

  ;; A record (kind, start, end); past cap only counted (scan then answers -1).
  (func $emit (param $kind i32) (param $start i32) (param $end i32)
    (local $p i32)
    (if (i32.lt_u (global.get $k) (global.get $cap))
      (then
        (local.set $p (i32.add (global.get $out) (i32.mul (global.get $k) (i32.const 12))))
        (i32.store (local.get $p) (local.get $kind))
        (i32.store offset=4 (local.get $p) (local.get $start))
        (i32.store offset=8 (local.get $p) (local.get $end))))
    (global.set $k (i32.add (global.get $k) (i32.const 1))))

  ;; A run of 16+ base64 characters starts at $s: a match when a lead (and at most one space) or
  ;; `Basic ` precedes it, its first two groups look like text, and no earlier match covers the lead.
  (func $base64 (param $s i32)
    (local $p i32) (local $e i32)
    (if (i32.eqz (local.get $s)) (then (return)))
    (if (call $is (i32.sub (local.get $s) (i32.const 1)) (i32.const 8))
      (then (local.set $p (i32.sub (local.get $s) (i32.const 1))))
      (else
        (if (i32.ne (call $byte (i32.sub (local.get $s) (i32.const 1))) (i32.const 32)) (then (return)))
        (if (i32.lt_u (local.get $s) (i32.const 2)) (then (return)))
        (if (call $is (i32.sub (local.get $s) (i32.const 2)) (i32.const 8))
          (then (local.set $p (i32.sub (local.get $s) (i32.const 2))))
          (else
            (if (i32.lt_u (local.get $s) (i32.const 6)) (then (return)))
            ;; "asic" read as one little-endian word, and B or b before it.
            (if (i32.ne (i32.load (i32.add (global.get $in) (i32.sub (local.get $s) (i32.const 5)))) (i32.const 0x63697361)) (then (return)))
            (if (i32.ne (i32.or (call $byte (i32.sub (local.get $s) (i32.const 6))) (i32.const 32)) (i32.const 98)) (then (return)))
            (local.set $p (i32.sub (local.get $s) (i32.const 6)))))))
    (if (i32.eqz (i32.and
          (i32.and (call $is (local.get $s) (i32.const 2)) (call $is (i32.add (local.get $s) (i32.const 1)) (i32.const 4)))
          (i32.and (call $is (i32.add (local.get $s) (i32.const 4)) (i32.const 2)) (call $is (i32.add (local.get $s) (i32.const 5)) (i32.const 4)))))
      (then (return)))
    (if (i32.lt_u (local.get $p) (global.get $lastEnd)) (then (return)))
    (local.set $e (i32.add (local.get $s) (i32.const 16)))
    (loop $run
      (if (call $is (local.get $e) (i32.const 1))
        (then (local.set $e (i32.add (local.get $e) (i32.const 1))) (br $run))))
    (if (i32.eq (call $byte (local.get $e)) (i32.const 61))
      (then
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (if (i32.eq (call $byte (local.get $e)) (i32.const 61)) (then (local.set $e (i32.add (local.get $e) (i32.const 1)))))))
    (global.set $lastEnd (local.get $e))
    ;; Kept only when the run ends there (find.ts: not followed by a base64 character or `=`).
    (if (i32.and (i32.eqz (call $is (local.get $e) (i32.const 1))) (i32.ne (call $byte (local.get $e)) (i32.const 61)))
      (then (call $emit (i32.const 1) (local.get $s) (local.get $e)))))

  ;; A `%` at $p: a match when two hex digits follow; its run of URL characters, unless an earlier
  ;; run holds it, is kept when long enough.
  (func $percent (param $p i32)
    (local $start i32) (local $end i32)
    (if (i32.eqz (i32.and (call $is (i32.add (local.get $p) (i32.const 1)) (i32.const 16)) (call $is (i32.add (local.get $p) (i32.const 2)) (i32.const 16))))
      (then (return)))
    (global.set $lastEnd (i32.add (local.get $p) (i32.const 3)))
    (if (i32.lt_u (local.get $p) (global.get $percentUntil)) (then (return)))
    (local.set $start (local.get $p))
    (loop $left
      (if (i32.gt_u (local.get $start) (global.get $percentUntil))
        (then (if (call $is (i32.sub (local.get $start) (i32.const 1)) (i32.const 32))
          (then (local.set $start (i32.sub (local.get $start) (i32.const 1))) (br $left))))))
    (local.set $end (i32.add (local.get $p) (i32.const 3)))
    (loop $right
      (if (i32.lt_u (local.get $end) (global.get $n))
        (then (if (call $is (local.get $end) (i32.const 32))
          (then (local.set $end (i32.add (local.get $end) (i32.const 1))) (br $right))))))
    (global.set $percentUntil (local.get $end))
    (if (i32.ge_u (i32.sub (local.get $end) (local.get $start)) (global.get $minPercent))
      (then (call $emit (i32.const 2) (local.get $start) (local.get $end)))))

  ;; A `\` at $p: a match when a JSON escape follows; the first on a line has the line tokenised.
  (func $escape (param $p i32)
    (local $len i32) (local $from i32) (local $to i32)
    (if (call $is (i32.add (local.get $p) (i32.const 1)) (i32.const 128))
      (then (local.set $len (i32.const 2)))
      (else
        (if (i32.eqz (call $hex4 (i32.add (local.get $p) (i32.const 1)))) (then (return)))
        (local.set $len (i32.const 6))))
    (global.set $lastEnd (i32.add (local.get $p) (local.get $len)))
    (if (i32.lt_u (local.get $p) (global.get $jsonUntil)) (then (return)))
    (local.set $from (call $lineStart (local.get $p)))
    ;; The newline put after the text (scan) stops the search at n.
    (local.set $to (call $find (local.get $p) (i32.add (global.get $n) (i32.const 1)) (i32.const 10) (i32.const 10)))
    (global.set $jsonUntil (local.get $to))
    (call $literals (local.get $from) (local.get $to)))

  ;; True when `u` and four hex digits are at $i.
  (func $hex4 (param $i i32) (result i32)
    (i32.and
      (i32.eq (call $byte (local.get $i)) (i32.const 117))
      (i32.and
        (i32.and (call $is (i32.add (local.get $i) (i32.const 1)) (i32.const 16)) (call $is (i32.add (local.get $i) (i32.const 2)) (i32.const 16)))
        (i32.and (call $is (i32.add (local.get $i) (i32.const 3)) (i32.const 16)) (call $is (i32.add (local.get $i) (i32.const 4)) (i32.const 16))))))

  ;; The quoted literals of the line [$from, $to) holding an escape (json-escape.ts: escapedLiterals).
  ;; A quote with no closing quote is passed over, and so is every later one of its kind on the line:
  ;; its closing search would read a suffix of the failed one.
  (func $literals (param $from i32) (param $to i32)
    (local $i i32) (local $q i32) (local $j i32) (local $close i32) (local $failed i32) (local $flags i32)
    (local.set $i (local.get $from))
    (block $end
      (loop $next
        (local.set $i (call $find (local.get $i) (local.get $to) (i32.const 34) (i32.const 39)))
        (br_if $end (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $q (call $byte (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        ;; $i is now just past the opening quote. failed: bit 2 for `"` (34 & 3), bit 3 for `'` (39 & 3).
        (br_if $next (i32.and (local.get $failed) (i32.shl (i32.const 1) (i32.and (local.get $q) (i32.const 3)))))
        (local.set $close (i32.const -1))
        (local.set $j (local.get $i))
        (block $found
          (loop $scan
            (local.set $j (call $find (local.get $j) (local.get $to) (local.get $q) (i32.const 92)))
            (br_if $found (i32.ge_u (local.get $j) (local.get $to)))
            (if (i32.eq (call $byte (local.get $j)) (local.get $q)) (then (local.set $close (local.get $j)) (br $found)))
            ;; a backslash: the character after it is passed over
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $scan)))
        (if (i32.lt_s (local.get $close) (i32.const 0))
          (then
            (local.set $failed (i32.or (local.get $failed) (i32.shl (i32.const 1) (i32.and (local.get $q) (i32.const 3)))))
            (br $next)))
        (if (i32.ge_u (i32.sub (local.get $close) (local.get $i)) (global.get $minLiteral))
          (then
            (local.set $flags (call $content (local.get $i) (local.get $close)))
            (if (i32.and (local.get $flags) (i32.const 1))
              (then
                (if (i32.eqz (i32.and
                      (i32.shr_u (local.get $flags) (i32.const 1))
                      (call $silent (local.get $from) (local.get $to) (local.get $i) (local.get $close))))
                  (then (call $emit (i32.const 3) (local.get $i) (local.get $close))))))))
        (local.set $i (i32.add (local.get $close) (i32.const 1)))
        (br $next))))

  ;; True when no keyword hit lies in the text the view of the literal [$start, $end) on the line
  ;; [$from, $to) keeps (view.ts: viewContextInLine). Literals come in text order, so the views' starts
  ;; never go back, nor does the cursor over the hits.
  (func $silent (param $from i32) (param $to i32) (param $start i32) (param $end i32) (result i32)
    (local $left i32) (local $right i32) (local $c i32)
    (local.set $left (i32.sub (local.get $start) (global.get $contextBefore)))
    (if (i32.lt_s (local.get $left) (local.get $from)) (then (local.set $left (local.get $from))))
    (local.set $right (i32.add (local.get $end) (global.get $contextAfter)))
    (if (i32.gt_s (local.get $right) (local.get $to)) (then (local.set $right (local.get $to))))
    (local.set $c (global.get $hitCursor))
    (block $done
      (loop $advance
        (br_if $done (i32.ge_u (local.get $c) (global.get $hitCount)))
        (br_if $done (i32.ge_s (i32.load (i32.add (global.get $hits) (i32.shl (local.get $c) (i32.const 3)))) (local.get $left)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $advance)))
    (global.set $hitCursor (local.get $c))
    (if (result i32) (i32.ge_u (local.get $c) (global.get $hitCount))
      (then (i32.const 1))
      (else (i32.ge_s (i32.load (i32.add (global.get $hits) (i32.shl (local.get $c) (i32.const 3)))) (local.get $right)))))

  ;; Of the literal content [$a, $b): bit 0 set when it holds a JSON escape (json-escape.ts:
  ;; HAS_ESCAPE), bit 1 when it is quiet (quiet.ts: no escape but quiet ones, no `%XX`, no run of 16
  ;; base64 characters). Each `%` and `\` is looked at, wherever it stands.
  (func $content (param $a i32) (param $b i32) (result i32)
    (local $k i32) (local $c i32) (local $cls i32) (local $escaped i32) (local $loud i32)
    (local.set $loud (call $run16 (local.get $a) (local.get $b)))
    (local.set $k (local.get $a))
    (block $end
      (loop $next
        (local.set $k (call $find (local.get $k) (local.get $b) (i32.const 37) (i32.const 92)))
        (br_if $end (i32.ge_u (local.get $k) (local.get $b)))
        (local.set $c (call $byte (local.get $k)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        ;; $k is now the index of the character after it.
        (if (i32.eq (local.get $c) (i32.const 37))
          (then
            (if (i32.lt_u (i32.add (local.get $k) (i32.const 1)) (local.get $b))
              (then (local.set $loud (i32.or (local.get $loud)
                (i32.and (call $is (local.get $k) (i32.const 16)) (call $is (i32.add (local.get $k) (i32.const 1)) (i32.const 16)))))))
            (br $next)))
        (if (i32.ge_u (local.get $k) (local.get $b)) (then (local.set $loud (i32.const 1)) (br $end)))
        (local.set $cls (call $class (local.get $k)))
        (if (i32.eqz (i32.and (local.get $cls) (i32.const 64))) (then (local.set $loud (i32.const 1))))
        (if (i32.and (local.get $cls) (i32.const 128)) (then (local.set $escaped (i32.const 1))))
        (if (i32.lt_u (i32.add (local.get $k) (i32.const 4)) (local.get $b))
          (then (if (call $hex4 (local.get $k)) (then (local.set $escaped (i32.const 1))))))
        (br $next)))
    (i32.or (local.get $escaped) (i32.shl (i32.eqz (local.get $loud)) (i32.const 1))))

  ;; True when 16 base64 characters in a row lie within [$a, $b) (read from the base64 bitmap, 42
  ;; starts at a time: 64 bits from $a's byte, shifted to $a, hold 57 characters).
  (func $run16 (param $a i32) (param $b i32) (result i32)
    (local $x i64) (local $last i32) (local $span i32)
    (if (i32.lt_s (i32.sub (local.get $b) (local.get $a)) (i32.const 16)) (then (return (i32.const 0))))
    (local.set $last (i32.sub (local.get $b) (i32.const 16)))
    (loop $chunk
      (local.set $x (i64.shr_u
        (i64.load (i32.add (global.get $bitmaps) (i32.shr_u (local.get $a) (i32.const 3))))
        (i64.extend_i32_u (i32.and (local.get $a) (i32.const 7)))))
      (local.set $x (i64.and (local.get $x) (i64.shr_u (local.get $x) (i64.const 1))))
      (local.set $x (i64.and (local.get $x) (i64.shr_u (local.get $x) (i64.const 2))))
      (local.set $x (i64.and (local.get $x) (i64.shr_u (local.get $x) (i64.const 4))))
      (local.set $x (i64.and (local.get $x) (i64.shr_u (local.get $x) (i64.const 8))))
      ;; bit k: characters a+k..a+k+15 are base64 (k <= 41 read in full); the starts up to $last count.
      (local.set $span (i32.sub (local.get $last) (local.get $a)))
      (if (i32.gt_u (local.get $span) (i32.const 41)) (then (local.set $span (i32.const 41))))
      (if (i64.ne (i64.and (local.get $x) (i64.sub (i64.shl (i64.const 2) (i64.extend_i32_u (local.get $span))) (i64.const 1))) (i64.const 0))
        (then (return (i32.const 1))))
      (local.set $a (i32.add (local.get $a) (i32.const 42)))
      (br_if $chunk (i32.le_s (local.get $a) (local.get $last))))
    (i32.const 0))

  ;; The first index in [$i, $limit) holding byte $a or $b, or $limit; 16 bytes at a time (they may
  ;; run past $limit into the padding).
  (func $find (param $i i32) (param $limit i32) (param $a i32) (param $b i32) (result i32)
    (local $va v128) (local $vb v128) (local $v v128) (local $m i32) (local $base i32)
    (local.set $va (i8x16.splat (local.get $a)))
    (local.set $vb (i8x16.splat (local.get $b)))
    (local.set $base (global.get $in))
    (block $out
      (loop $next
        (br_if $out (i32.ge_u (local.get $i) (local.get $limit)))
        (local.set $v (v128.load (i32.add (local.get $base) (local.get $i))))
        (local.set $m (i8x16.bitmask (v128.or (i8x16.eq (local.get $v) (local.get $va)) (i8x16.eq (local.get $v) (local.get $vb)))))
        (if (local.get $m)
          (then
            (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $m))))
            (br $out)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (select (local.get $i) (local.get $limit) (i32.lt_u (local.get $i) (local.get $limit))))

  ;; The index just past the last newline before $i, or 0; 16 bytes at a time (below the input,
  ;; when $i < 16, are zero bytes: run-scan.ts keeps the 16 before it clear).
  (func $lineStart (param $i i32) (result i32)
    (local $m i32) (local $nl v128)
    (local.set $nl (i8x16.splat (i32.const 10)))
    (loop $back
      (if (i32.le_s (local.get $i) (i32.const 0)) (then (return (i32.const 0))))
      (local.set $m (i8x16.bitmask (i8x16.eq (v128.load (i32.sub (i32.add (global.get $in) (local.get $i)) (i32.const 16))) (local.get $nl))))
      (if (local.get $m)
        (then (return (i32.add (i32.sub (local.get $i) (i32.const 16)) (i32.sub (i32.const 32) (i32.clz (local.get $m)))))))
      (local.set $i (i32.sub (local.get $i) (i32.const 16)))
      (br $back))
    (i32.const 0))
)
