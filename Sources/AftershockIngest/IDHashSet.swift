/// A set of 64-bit id hashes (open addressing, 8 bytes a slot, load ≤ 0.75: 10.7–21.3 bytes per id).
///
/// Two different ids collide with probability about n²/2⁶⁵ (≈ 3·10⁻⁶ for 10 million ids); a collision
/// would quarantine a record as a duplicate, which the quarantine file makes visible.
struct IDHashSet {
  private var slots: [UInt64]
  private var mask: Int
  private(set) var count = 0

  init(minimumCapacity: Int = 1024) {
    var size = 16
    while size * 3 / 4 < minimumCapacity { size *= 2 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
  }

  /// Bytes of memory the table holds.
  var memoryBytes: Int { slots.count * 8 }

  @inline(__always)
  private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

  /// Whether the hash is present.
  func contains(_ hash: UInt64) -> Bool {
    let k = IDHashSet.key(hash)
    var i = Int(truncatingIfNeeded: k) & mask
    while true {
      let s = slots[i]
      if s == k { return true }
      if s == 0 { return false }
      i = (i &+ 1) & mask
    }
  }

  /// Inserts the hash; false if it was already present.
  @discardableResult
  mutating func insert(_ hash: UInt64) -> Bool {
    if (count + 1) * 4 > slots.count * 3 { grow() }
    let k = IDHashSet.key(hash)
    var i = Int(truncatingIfNeeded: k) & mask
    while true {
      let s = slots[i]
      if s == k { return false }
      if s == 0 {
        slots[i] = k
        count += 1
        return true
      }
      i = (i &+ 1) & mask
    }
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: 0, count: old.count * 2)
    mask = slots.count - 1
    for k in old where k != 0 {
      var i = Int(truncatingIfNeeded: k) & mask
      while slots[i] != 0 { i = (i &+ 1) & mask }
      slots[i] = k
    }
  }
}
