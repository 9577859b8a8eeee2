/// A read-only copy of a `ByteKeyTable` in raw memory, for the hot loops.
///
/// One 8-byte load per probe (hash tag and id packed), one 8-byte load for the key's place
/// in the arena, and keys compared with a few overlapping word loads instead of a byte loop.
/// Never reads outside either key, so any caller's buffer is safe.
final class FrozenByteKeyTable: @unchecked Sendable {
  /// Per slot: the hash's high half in the upper 32 bits, the id (or -1 when empty) below.
  private let slots: UnsafeMutablePointer<UInt64>
  private let mask: Int
  /// Per id: the key's start in the arena (low 32 bits) and its length (high 32 bits).
  private let keys: UnsafeMutablePointer<UInt64>
  private let arena: UnsafeMutableRawPointer

  init(slots: [UInt64], keys: [UInt64], arena: [UInt8]) {
    precondition(slots.count > 0 && slots.count & (slots.count - 1) == 0, "slot count must be a power of two")
    self.slots = .allocate(capacity: slots.count)
    self.slots.initialize(from: slots, count: slots.count)
    mask = slots.count - 1
    self.keys = .allocate(capacity: max(1, keys.count))
    self.keys.initialize(from: keys, count: keys.count)
    self.arena = .allocate(byteCount: max(1, arena.count), alignment: 8)
    arena.withUnsafeBytes { self.arena.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
  }

  deinit {
    slots.deallocate()
    keys.deallocate()
    arena.deallocate()
  }

  /// The id of `key` (whose FNV-1a hash is `hash`), or -1.
  @inline(__always)
  func find(hash: UInt64, key: UnsafeRawBufferPointer) -> Int32 {
    let tag = hash >> 32
    var i = ByteKeyTable.slotIndex(hash) & mask
    while true {
      let slot = slots[i]
      let id = Int32(truncatingIfNeeded: slot)
      if id < 0 { return -1 }
      if slot >> 32 == tag && equals(id, key) { return id }
      i = (i &+ 1) & mask
    }
  }

  @inline(__always)
  private func equals(_ id: Int32, _ key: UnsafeRawBufferPointer) -> Bool {
    let info = keys[Int(id)]
    let length = Int(truncatingIfNeeded: info >> 32)
    guard length == key.count else { return false }
    let a = UnsafeRawPointer(arena + Int(truncatingIfNeeded: info & 0xffff_ffff))
    guard let b = key.baseAddress else { return length == 0 }
    return FrozenByteKeyTable.bytesEqual(a, b, length)
  }

  /// Equality of `count` bytes with overlapping loads (no byte loop, no over-read).
  @inline(__always)
  static func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    if count >= 8 {
      var i = 0
      while i + 8 < count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
          return false
        }
        i &+= 8
      }
      let last = count - 8
      return a.loadUnaligned(fromByteOffset: last, as: UInt64.self) == b.loadUnaligned(fromByteOffset: last, as: UInt64.self)
    }
    if count >= 4 {
      let last = count - 4
      return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
        && a.loadUnaligned(fromByteOffset: last, as: UInt32.self) == b.loadUnaligned(fromByteOffset: last, as: UInt32.self)
    }
    if count >= 2 {
      let last = count - 2
      return a.loadUnaligned(as: UInt16.self) == b.loadUnaligned(as: UInt16.self)
        && a.loadUnaligned(fromByteOffset: last, as: UInt16.self) == b.loadUnaligned(fromByteOffset: last, as: UInt16.self)
    }
    if count == 1 { return a.load(as: UInt8.self) == b.load(as: UInt8.self) }
    return true
  }
}
