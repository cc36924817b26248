;; The keyword prefilter's hot loop (see gram-scan.ts): one pass over the text's bytes that finds
;; every offset where a keyword begins, case-folded, and which keyword (the longest) it is. Compiled
;; to gram-scan-bytes.ts by scripts/wasm.mjs; no native code, so it runs wherever Node does.
;;
;; The text is tested two bytes a turn: at each even offset p, the gram of the four codes at p..p+3
;; is looked up in a bitmap. Each keyword has two representatives, one for each parity of the offset
;; where it may start: four of its characters at an offset j of that parity (inside it, a rare four
;; chosen by gram-scan.ts), or for a short keyword its characters with any codes around them (`key`
;; at an odd offset is `*key` one byte before it). Any occurrence of a keyword thus sets the gram at
;; one even offset, and that gram's list names the keyword and j. Testing every other offset took
;; the byte loop from about 53 to 35 ms on git/git's tree (46 M characters), and the rare
;; representatives took the marks from 11,400 to 6,500 per MB there.
(module
  ;; [0, 256): byte -> 6-bit keyword character code (0: in no keyword).
  ;; [BITMAP = 1024, + 2 MiB): bitmap over the 24-bit gram of four codes, set for every gram some
  ;;   representative matches (read as little-endian words: bit g is bit g & 31 of the u32 at byte
  ;;   (g >> 3) & ~3, or bit g & 63 of the u64 at (g >> 3) & ~7).
  ;; [CUM = BITMAP + 2 MiB, + 256 KiB): for each 256 bits of the bitmap, the number of set bits
  ;;   before them (u32), so that the rank of a set gram (its index among the set ones) is CUM and
  ;;   popcounts: the index of its list in the caller's entries.
  ;; The caller grows the memory and places the rest after CUM: entries (a list address per set
  ;; gram), lists (record addresses, each list ended by 0), records, input, output, marks.
  ;; A record (48 bytes): the keyword's first 16 characters as two (pattern u64, mask u64) pairs
  ;; (the mask clears the case bit of letters and is 0 past the keyword's end), its index u32 at 32,
  ;; j i32 at 36, the address of its further (pattern, mask) pairs at 40 and their count at 44.
  (memory (export "memory") 50)

  ;; count(in, n, c3, c2): adds each 3-gram and 2-gram of codes of in[0, n) to the u16 counters at c3
  ;; (indexed by the 18-bit gram) and c2 (12-bit), which stop at 65535: gram-scan.ts picks rare
  ;; representatives from them.
  (func (export "count") (param $in i32) (param $n i32) (param $c3 i32) (param $c2 i32)
    (local $w i32) (local $e i32) (local $v i32) (local $end i32)
    (local.set $end (i32.add (local.get $in) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $in) (local.get $end)))
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 6)) (i32.load8_u (i32.load8_u (local.get $in)))))
        (local.set $e (i32.add (local.get $c3) (i32.shl (i32.and (local.get $w) (i32.const 0x3ffff)) (i32.const 1))))
        (local.set $v (i32.load16_u (local.get $e)))
        (i32.store16 (local.get $e) (i32.add (local.get $v) (i32.ne (local.get $v) (i32.const 0xffff))))
        (local.set $e (i32.add (local.get $c2) (i32.shl (i32.and (local.get $w) (i32.const 0xfff)) (i32.const 1))))
        (local.set $v (i32.load16_u (local.get $e)))
        (i32.store16 (local.get $e) (i32.add (local.get $v) (i32.ne (local.get $v) (i32.const 0xffff))))
        (local.set $in (i32.add (local.get $in) (i32.const 1)))
        (br $next))))

  ;; build(pairs, count, entries, lists): from `count` pairs (gram u32, record address u32), with the
  ;; bitmap, CUM, entries and lists zeroed by the caller, sets the bitmap, CUM, and for each set gram
  ;; (by rank) its entry: the address of its list of records. Lists are laid out in rank order.
  (func (export "build") (param $pairs i32) (param $count i32) (param $entries i32) (param $lists i32)
    (local $p i32) (local $end i32) (local $g i32) (local $e i32) (local $r i32) (local $at i32) (local $n i32)
    (local.set $end (i32.add (local.get $pairs) (i32.shl (local.get $count) (i32.const 3))))
    ;; the bitmap
    (local.set $p (local.get $pairs))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $g (i32.load (local.get $p)))
        (local.set $e (i32.and (i32.shr_u (local.get $g) (i32.const 3)) (i32.const 0x1ffffc)))
        (i32.store offset=1024 (local.get $e) (i32.or (i32.load offset=1024 (local.get $e)) (i32.shl (i32.const 1) (local.get $g))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $next)))
    ;; CUM: set bits before each 256 (32 bytes)
    (local.set $e (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $e) (i32.const 0x200000)))
        (i32.store offset=2098176 (;CUM;) (i32.shr_u (local.get $e) (i32.const 3)) (local.get $r))
        (local.set $r (i32.add (local.get $r) (i32.wrap_i64 (i64.add
          (i64.add (i64.popcnt (i64.load offset=1024 (local.get $e))) (i64.popcnt (i64.load offset=1032 (local.get $e))))
          (i64.add (i64.popcnt (i64.load offset=1040 (local.get $e))) (i64.popcnt (i64.load offset=1048 (local.get $e))))))))
        (local.set $e (i32.add (local.get $e) (i32.const 32)))
        (br $next)))
    ;; the length of each list, in its entry
    (local.set $p (local.get $pairs))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $e (i32.add (local.get $entries) (i32.shl (call $rank (i32.load (local.get $p))) (i32.const 2))))
        (i32.store (local.get $e) (i32.add (i32.load (local.get $e)) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $next)))
    ;; entries: the lists' addresses (each list: its records and a 0)
    (local.set $at (local.get $lists))
    (local.set $e (local.get $entries))
    (local.set $end (i32.add (local.get $entries) (i32.shl (local.get $r) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
        (local.set $n (i32.load (local.get $e)))
        (i32.store (local.get $e) (local.get $at))
        (local.set $at (i32.add (local.get $at) (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 2))))
        (local.set $e (i32.add (local.get $e) (i32.const 4)))
        (br $next)))
    ;; each record into the first free slot of its gram's list
    (local.set $end (i32.add (local.get $pairs) (i32.shl (local.get $count) (i32.const 3))))
    (local.set $p (local.get $pairs))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $at (i32.load (i32.add (local.get $entries) (i32.shl (call $rank (i32.load (local.get $p))) (i32.const 2)))))
        (block $free
          (loop $slot
            (br_if $free (i32.eqz (i32.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (br $slot)))
        (i32.store (local.get $at) (i32.load offset=4 (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $next))))

  ;; The rank of set gram $g: the number of set bits before it (CUM of its 256, and the bits of its
  ;; 256 before it: all of the u64 words before its word, the low bits of its word).
  (func $rank (param $g i32) (result i32)
    (local $b i32) (local $w i32) (local $m i64)
    (local.set $g (i32.and (local.get $g) (i32.const 0xffffff)))
    (local.set $b (i32.shl (i32.shr_u (local.get $g) (i32.const 8)) (i32.const 5)))
    (local.set $w (i32.and (i32.shr_u (local.get $g) (i32.const 6)) (i32.const 3)))
    (local.set $m (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $g))) (i64.const 1)))
    (i32.add (i32.load offset=2098176 (;CUM;) (i32.shr_u (local.get $b) (i32.const 3)))
      (i32.wrap_i64 (i64.add
        (i64.add
          (i64.popcnt (i64.and (i64.load offset=1024 (local.get $b))
            (select (i64.const -1) (local.get $m) (i32.gt_u (local.get $w) (i32.const 0)))))
          (i64.popcnt (i64.and (i64.load offset=1032 (local.get $b))
            (select (i64.const -1) (select (local.get $m) (i64.const 0) (i32.eq (local.get $w) (i32.const 1))) (i32.gt_u (local.get $w) (i32.const 1))))))
        (i64.add
          (i64.popcnt (i64.and (i64.load offset=1040 (local.get $b))
            (select (i64.const -1) (select (local.get $m) (i64.const 0) (i32.eq (local.get $w) (i32.const 2))) (i32.gt_u (local.get $w) (i32.const 2)))))
          (i64.popcnt (i64.and (i64.load offset=1048 (local.get $b))
            (select (local.get $m) (i64.const 0) (i32.eq (local.get $w) (i32.const 3))))))))))

  ;; scan(input, n, limit, out, entries, marks, cands, full) -> count. Marks every even offset p < n
  ;; (and a few past it) whose gram is set (p and the gram at marks), then tries each record listed under each mark's
  ;; gram: its keyword at s = p - j, for s < limit. The outcomes go to cands (s, or -1 where the
  ;; keyword is not there; keyword index), moved to out by $flush whenever they reach `full` (the
  ;; caller leaves room past it for the longest list) and at the end: each hit (s u32, keyword u32),
  ;; in offset order, the longest keyword where several start. The caller pads the text with zero
  ;; bytes (at least as many as the longest keyword and 24), and leaves room for n / 2 + 4 marks of
  ;; 8 bytes and limit + 1 hits.
  ;; Outcomes are written, not branched on: a branch on whether a keyword is there mispredicts about
  ;; half the time, and a count of hits kept in the loop makes each try wait for the one before.
  (func (export "scan") (param $in i32) (param $n i32) (param $limit i32) (param $out i32) (param $entries i32) (param $marks i32) (param $cands i32) (param $full i32) (result i32)
    (local $i i32) (local $w i32) (local $k i32) (local $p i32) (local $c i32) (local $l i32) (local $r i32) (local $s i32) (local $x i32) (local $t i32) (local $q i32) (local $e i32)
    (local.set $c (local.get $marks))
    (local.set $w (i32.or (i32.shl (i32.load8_u (i32.load8_u (local.get $in))) (i32.const 6)) (i32.load8_u (i32.load8_u offset=1 (local.get $in)))))
    ;; Eight bytes a turn (measured ~5% faster than four), the gram kept unmasked (the index masks it).
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $p (i32.add (local.get $in) (local.get $i)))
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 12)) (i32.or (i32.shl (i32.load8_u (i32.load8_u offset=2 (local.get $p))) (i32.const 6)) (i32.load8_u (i32.load8_u offset=3 (local.get $p))))))
        (if (i32.and (i32.shr_u (i32.load offset=1024 (i32.and (i32.shr_u (local.get $w) (i32.const 3)) (i32.const 0x1ffffc))) (local.get $w)) (i32.const 1))
          (then (i32.store (local.get $c) (i32.add (local.get $i) (i32.const 0))) (i32.store offset=4 (local.get $c) (local.get $w)) (local.set $c (i32.add (local.get $c) (i32.const 8)))))
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 12)) (i32.or (i32.shl (i32.load8_u (i32.load8_u offset=4 (local.get $p))) (i32.const 6)) (i32.load8_u (i32.load8_u offset=5 (local.get $p))))))
        (if (i32.and (i32.shr_u (i32.load offset=1024 (i32.and (i32.shr_u (local.get $w) (i32.const 3)) (i32.const 0x1ffffc))) (local.get $w)) (i32.const 1))
          (then (i32.store (local.get $c) (i32.add (local.get $i) (i32.const 2))) (i32.store offset=4 (local.get $c) (local.get $w)) (local.set $c (i32.add (local.get $c) (i32.const 8)))))
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 12)) (i32.or (i32.shl (i32.load8_u (i32.load8_u offset=6 (local.get $p))) (i32.const 6)) (i32.load8_u (i32.load8_u offset=7 (local.get $p))))))
        (if (i32.and (i32.shr_u (i32.load offset=1024 (i32.and (i32.shr_u (local.get $w) (i32.const 3)) (i32.const 0x1ffffc))) (local.get $w)) (i32.const 1))
          (then (i32.store (local.get $c) (i32.add (local.get $i) (i32.const 4))) (i32.store offset=4 (local.get $c) (local.get $w)) (local.set $c (i32.add (local.get $c) (i32.const 8)))))
        (local.set $w (i32.or (i32.shl (local.get $w) (i32.const 12)) (i32.or (i32.shl (i32.load8_u (i32.load8_u offset=8 (local.get $p))) (i32.const 6)) (i32.load8_u (i32.load8_u offset=9 (local.get $p))))))
        (if (i32.and (i32.shr_u (i32.load offset=1024 (i32.and (i32.shr_u (local.get $w) (i32.const 3)) (i32.const 0x1ffffc))) (local.get $w)) (i32.const 1))
          (then (i32.store (local.get $c) (i32.add (local.get $i) (i32.const 6))) (i32.store offset=4 (local.get $c) (local.get $w)) (local.set $c (i32.add (local.get $c) (i32.const 8)))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $next)))
    ;; The marks, in order: each record of the gram's list tried at its start.
    (local.set $t (local.get $cands))
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $marks) (local.get $c)))
        (if (i32.ge_u (local.get $t) (local.get $full))
          (then (local.set $k (call $flush (local.get $cands) (local.get $t) (local.get $out) (local.get $k))) (local.set $t (local.get $cands))))
        (local.set $i (i32.load (local.get $marks)))
        (local.set $l (i32.load (i32.add (local.get $entries) (i32.shl (call $rank (i32.load offset=4 (local.get $marks))) (i32.const 2)))))
        (local.set $marks (i32.add (local.get $marks) (i32.const 8)))
        (block $listed
          (loop $record
            (local.set $r (i32.load (local.get $l)))
            (br_if $listed (i32.eqz (local.get $r)))
            (local.set $l (i32.add (local.get $l) (i32.const 4)))
            (local.set $s (i32.sub (local.get $i) (i32.load offset=36 (local.get $r))))
            (local.set $p (i32.add (local.get $in) (local.get $s)))
            ;; $x: 1 when $s is in this chunk and the keyword's first 16 characters are there
            (local.set $x (i32.and
              (i64.eqz (i64.or
                (i64.and (i64.xor (i64.load (local.get $p)) (i64.load (local.get $r))) (i64.load offset=8 (local.get $r)))
                (i64.and (i64.xor (i64.load offset=8 (local.get $p)) (i64.load offset=16 (local.get $r))) (i64.load offset=24 (local.get $r)))))
              (i32.lt_u (local.get $s) (local.get $limit))))
            ;; and the rest of a longer keyword
            (if (i32.load offset=44 (local.get $r))
              (then
                (local.set $q (i32.load offset=40 (local.get $r)))
                (local.set $e (i32.add (local.get $q) (i32.shl (i32.load offset=44 (local.get $r)) (i32.const 4))))
                (loop $rest
                  (local.set $p (i32.add (local.get $p) (i32.const 8)))
                  (local.set $x (i32.and (local.get $x)
                    (i64.eqz (i64.and (i64.xor (i64.load offset=8 (local.get $p)) (i64.load (local.get $q))) (i64.load offset=8 (local.get $q))))))
                  (local.set $q (i32.add (local.get $q) (i32.const 16)))
                  (br_if $rest (i32.lt_u (local.get $q) (local.get $e))))))
            (i32.store (local.get $t) (select (local.get $s) (i32.const -1) (local.get $x)))
            (i32.store offset=4 (local.get $t) (i32.load offset=32 (local.get $r)))
            (local.set $t (i32.add (local.get $t) (i32.const 8)))
            (br $record)))
        (br $each)))
    (call $flush (local.get $cands) (local.get $t) (local.get $out) (local.get $k)))

  ;; The outcomes [$from, $to) into out[0, $k), kept in offset order: the new count. A hit after the
  ;; last is appended (written at out[$k] whatever the outcome, counted when a hit); one that is not
  ;; (its keyword's j > 0 put it after a later mark's) goes through $insert.
  (func $flush (param $from i32) (param $to i32) (param $out i32) (param $k i32) (result i32)
    (local $s i32) (local $p i32) (local $x i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $s (i32.load (local.get $from)))
        (local.set $x (i32.ne (local.get $s) (i32.const -1)))
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
        (if (i32.and (local.get $x) (i32.and (i32.ne (local.get $k) (i32.const 0)) (i32.ge_u (i32.load (i32.sub (local.get $p) (i32.const 8))) (local.get $s))))
          (then (local.set $k (call $insert (local.get $out) (local.get $k) (local.get $s) (i32.load offset=4 (local.get $from)))))
          (else
            (i32.store (local.get $p) (local.get $s))
            (i32.store offset=4 (local.get $p) (i32.load offset=4 (local.get $from)))
            (local.set $k (i32.add (local.get $k) (local.get $x)))))
        (local.set $from (i32.add (local.get $from) (i32.const 8)))
        (br $next)))
    (local.get $k))

  ;; Hit ($s, $ki) into out[0, $k) in offset order, one hit per offset (the least keyword index: the
  ;; longest keyword, as keywords are sorted longest first): the new count.
  (func $insert (param $out i32) (param $k i32) (param $s i32) (param $ki i32) (result i32)
    (local $at i32) (local $e i32)
    (local.set $at (local.get $k))
    (block $placed
      (loop $back
        (br_if $placed (i32.eqz (local.get $at)))
        (local.set $e (i32.add (local.get $out) (i32.shl (i32.sub (local.get $at) (i32.const 1)) (i32.const 3))))
        (br_if $placed (i32.lt_u (i32.load (local.get $e)) (local.get $s)))
        (if (i32.eq (i32.load (local.get $e)) (local.get $s))
          (then
            (if (i32.lt_u (local.get $ki) (i32.load offset=4 (local.get $e))) (then (i32.store offset=4 (local.get $e) (local.get $ki))))
            (return (local.get $k))))
        (local.set $at (i32.sub (local.get $at) (i32.const 1)))
        (br $back)))
    ;; out[$at, $k) moves up by one hit
    (local.set $e (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
    (block $moved
      (loop $move
        (br_if $moved (i32.le_u (local.get $e) (i32.add (local.get $out) (i32.shl (local.get $at) (i32.const 3)))))
        (i64.store (local.get $e) (i64.load (i32.sub (local.get $e) (i32.const 8))))
        (local.set $e (i32.sub (local.get $e) (i32.const 8)))
        (br $move)))
    (i32.store (local.get $e) (local.get $s))
    (i32.store offset=4 (local.get $e) (local.get $ki))
    (i32.add (local.get $k) (i32.const 1)))
)
