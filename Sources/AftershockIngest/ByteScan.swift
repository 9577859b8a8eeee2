/// Word-at-a-time (SWAR) byte search and UTF-8 checks over raw buffers.
enum ByteScan {
  static let quote = UInt8(ascii: "\"")
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
  static let comma = UInt8(ascii: ",")
  static let tab = UInt8(ascii: "\t")

  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highBits: UInt64 = 0x8080_8080_8080_8080
  static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

  /// Every byte of the word set to `byte`.
  @inline(__always)
  static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

  /// High bit set in the lowest zero byte (exact for the lowest one; higher bits may be false positives).
  @inline(__always)
  static func zeroBytes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highBits }

  /// The offset of the first byte in `[from, end)` equal to `a` or `b`, or `end`.
  @inline(__always)
  static func firstOf2(
    _ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int, _ a: UInt8, _ b: UInt8
  ) -> Int {
    var i = from
    let raw = UnsafeRawPointer(p)
    let ma = broadcast(a)
    let mb = broadcast(b)
    // Two words a step, one branch; the exact offset comes from the lowest flagged byte.
    while i &+ 16 <= end {
      let w0 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let w1 = raw.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
      let m0 = zeroBytes(w0 ^ ma) | zeroBytes(w0 ^ mb)
      let m1 = zeroBytes(w1 ^ ma) | zeroBytes(w1 ^ mb)
      if m0 | m1 != 0 {
        return m0 != 0 ? i &+ (m0.trailingZeroBitCount &>> 3) : i &+ 8 &+ (m1.trailingZeroBitCount &>> 3)
      }
      i &+= 16
    }
    while i &+ 8 <= end {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let m = zeroBytes(w ^ ma) | zeroBytes(w ^ mb)
      if m != 0 { return i &+ (m.trailingZeroBitCount &>> 3) }
      i &+= 8
    }
    while i < end {
      let c = p[i]
      if c == a || c == b { return i }
      i &+= 1
    }
    return end
  }

  /// The offset of the first byte in `[from, end)` equal to `a`, `b` or `c`, or `end`.
  @inline(__always)
  static func firstOf3(
    _ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8
  ) -> Int {
    var i = from
    let raw = UnsafeRawPointer(p)
    let ma = broadcast(a)
    let mb = broadcast(b)
    let mc = broadcast(c)
    while i &+ 8 <= end {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let m = zeroBytes(w ^ ma) | zeroBytes(w ^ mb) | zeroBytes(w ^ mc)
      if m != 0 { return i &+ (m.trailingZeroBitCount &>> 3) }
      i &+= 8
    }
    while i < end {
      let x = p[i]
      if x == a || x == b || x == c { return i }
      i &+= 1
    }
    return end
  }

  /// The offset of the first `"`, `\` or control byte (< 0x20) in `[from, end)`, or `end`: where a JSON string run stops.
  @inline(__always)
  static func firstJSONStringStop(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
    var i = from
    let raw = UnsafeRawPointer(p)
    let mq = broadcast(quote)
    let mb = broadcast(0x5C)
    let below = broadcast(0x20)
    while i &+ 8 <= end {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      // (w - 0x20…) & ~w & 0x80… flags the lowest byte below 0x20 exactly (the classic "has less than" trick).
      let m = zeroBytes(w ^ mq) | zeroBytes(w ^ mb) | ((w &- below) & ~w & highBits)
      if m != 0 { return i &+ (m.trailingZeroBitCount &>> 3) }
      i &+= 8
    }
    while i < end {
      let c = p[i]
      if c == quote || c == 0x5C || c < 0x20 { return i }
      i &+= 1
    }
    return end
  }

  /// What is wrong with a byte range's encoding.
  enum EncodingProblem: Equatable {
    case nul(offset: Int)
    case invalidUTF8(offset: Int, byte: UInt8)
  }

  /// The first NUL byte or invalid UTF-8 sequence in `[0, count)`, checking ASCII words 8 bytes at a time.
  static func firstEncodingProblem(_ p: UnsafePointer<UInt8>, _ count: Int) -> EncodingProblem? {
    var i = 0
    let raw = UnsafeRawPointer(p)
    while i < count {
      // Fast path: 32 bytes of ASCII with no NUL at a time. For an ASCII byte b, b + 0x7F has its high bit
      // set exactly when b ≠ 0 (no carries cross bytes), so one add and a mask check "not NUL" for 8 bytes.
      while i &+ 32 <= count {
        let w0 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let w1 = raw.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
        let w2 = raw.loadUnaligned(fromByteOffset: i &+ 16, as: UInt64.self)
        let w3 = raw.loadUnaligned(fromByteOffset: i &+ 24, as: UInt64.self)
        if (w0 | w1 | w2 | w3) & highBits != 0 { break }
        let nonZero = (w0 &+ lowBits) & (w1 &+ lowBits) & (w2 &+ lowBits) & (w3 &+ lowBits)
        if nonZero & highBits != highBits { break }
        i &+= 32
      }
      // The 32-byte path may have ended the record (a multiple of 32 bytes, the last line of a
      // file without a final line break): nothing is left to read.
      if i >= count { break }
      if i &+ 8 <= count {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if w & highBits == 0 {
          if zeroBytes(w) != 0 {
            return .nul(offset: i &+ (zeroBytes(w).trailingZeroBitCount &>> 3))
          }
          i &+= 8
          continue
        }
      }
      let b0 = p[i]
      if b0 < 0x80 {
        if b0 == 0 { return .nul(offset: i) }
        i &+= 1
        continue
      }
      let need: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch b0 {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED:
        need = 2
        high = 0x9F
      case 0xF0:
        need = 3
        low = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        high = 0x8F
      default: return .invalidUTF8(offset: i, byte: b0)
      }
      if i &+ need >= count {
        return .invalidUTF8(offset: i, byte: b0)
      }
      let b1 = p[i &+ 1]
      if b1 < low || b1 > high { return .invalidUTF8(offset: i, byte: b0) }
      var k = 2
      while k <= need {
        if p[i &+ k] & 0xC0 != 0x80 { return .invalidUTF8(offset: i, byte: b0) }
        k &+= 1
      }
      i &+= need &+ 1
    }
    return nil
  }

  /// A fast 64-bit hash of a byte range (word-at-a-time multiply-rotate, murmur3 finaliser).
  @inline(__always)
  static func hash(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
    var i = 0
    while i &+ 8 <= count {
      let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h ^= w &* 0x87C3_7B91_1142_53D5
      h = ((h &<< 31) | (h &>> 33)) &* 0x4CF5_AD43_2745_937F
      i &+= 8
    }
    if i < count {
      var w: UInt64 = 0
      var shift: UInt64 = 0
      while i < count {
        w |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) &<< shift
        shift &+= 8
        i &+= 1
      }
      h ^= w &* 0x87C3_7B91_1142_53D5
      h = ((h &<< 31) | (h &>> 33)) &* 0x4CF5_AD43_2745_937F
    }
    h ^= h &>> 33
    h &*= 0xFF51_AFD7_ED55_8CCD
    h ^= h &>> 33
    h &*= 0xC4CE_B9FE_1A85_EC53
    h ^= h &>> 33
    return h
  }
}
