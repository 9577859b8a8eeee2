/// Heavy hitters by Space-Saving (Metwally, Agrawal & El Abbadi 2005), mergeable across shards
/// (Agarwal et al., "Mergeable Summaries", 2012; the merge of Cafaro, Pulimeno & Tempesta 2016).
///
/// With capacity k over N added occurrences: every item whose true count exceeds N / k is
/// monitored; each monitored item's `count` overestimates its true count by at most its `error`
/// (and at most N / k); an unmonitored item's true count is at most `minimumCount`.
/// Merge: an item absent from a summary that has evicted items is credited that summary's
/// minimum count (its upper bound), counts and errors are summed, and the k largest are kept
/// (ties by key), so `merge` is exactly commutative; when fewer than k distinct items were seen,
/// the counts are exact and any split merges to exactly the whole.
/// - Complexity: `add` is O(log k) (a min-heap of counters finds the item to evict).
public struct SpaceSaving<Key: Hashable & Comparable & Codable & Sendable>: MergeableAggregate, Equatable {
  /// One monitored item.
  public struct Entry: Equatable, Codable, Sendable {
    /// The item.
    public var key: Key
    /// Estimated count (an upper bound of the true count).
    public var count: Int
    /// Maximum overestimation: the true count is at least `count - error`.
    public var error: Int
  }

  /// Maximum number of monitored items.
  public let capacity: Int
  @usableFromInline var total: Int = 0
  @usableFromInline var evicted = false
  @usableFromInline var keys: [Key] = []
  @usableFromInline var counts: [Int] = []
  @usableFromInline var errors: [Int] = []
  @usableFromInline var slotOfKey: [Key: Int] = [:]
  /// Slots ordered as a binary min-heap on their counts.
  @usableFromInline var heap: [Int] = []
  /// Position of each slot in `heap`.
  @usableFromInline var heapPosition: [Int] = []

  /// An empty summary with capacity 100.
  public init() { self.init(capacity: 100) }

  /// An empty summary monitoring at most `capacity` items (at least 1).
  public init(capacity: Int) {
    self.capacity = max(1, capacity)
  }

  /// Total number of occurrences added.
  public var totalCount: Int { total }

  /// Whether some item ever lost its counter (then unmonitored items may have been seen).
  public var hasEvicted: Bool { evicted }

  /// Upper bound of the true count of any unmonitored item (0 when nothing was evicted).
  public var minimumCount: Int { evicted && !heap.isEmpty ? counts[heap[0]] : 0 }

  /// Adds `occurrences` of `key`.
  @inlinable
  public mutating func add(_ key: Key, occurrences: Int = 1) {
    guard occurrences > 0 else { return }
    total += occurrences
    if let slot = slotOfKey[key] {
      counts[slot] += occurrences
      siftDown(heapPosition[slot])
      return
    }
    if keys.count < capacity {
      appendSlot(key: key, count: occurrences, error: 0)
      siftUp(heap.count - 1)
      return
    }
    let victim = heap[0]
    let floor = counts[victim]
    evicted = true
    slotOfKey[keys[victim]] = nil
    slotOfKey[key] = victim
    keys[victim] = key
    counts[victim] = floor + occurrences
    errors[victim] = floor
    siftDown(0)
  }

  @inlinable
  mutating func appendSlot(key: Key, count: Int, error: Int) {
    let slot = keys.count
    slotOfKey[key] = slot
    keys.append(key)
    counts.append(count)
    errors.append(error)
    heapPosition.append(heap.count)
    heap.append(slot)
  }

  @inlinable
  mutating func swapHeap(_ first: Int, _ second: Int) {
    heap.swapAt(first, second)
    heapPosition[heap[first]] = first
    heapPosition[heap[second]] = second
  }

  @inlinable
  mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard counts[heap[child]] < counts[heap[parent]] else { return }
      swapHeap(child, parent)
      child = parent
    }
  }

  @inlinable
  mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { return }
      let right = left + 1
      var smallest = left
      if right < heap.count && counts[heap[right]] < counts[heap[left]] { smallest = right }
      guard counts[heap[smallest]] < counts[heap[parent]] else { return }
      swapHeap(parent, smallest)
      parent = smallest
    }
  }

  /// Estimated count of `key`: its counter if monitored, else the upper bound `minimumCount`.
  public func estimatedCount(of key: Key) -> Int {
    if let slot = slotOfKey[key] { return counts[slot] }
    return minimumCount
  }

  /// Monitored items, most frequent first (ties by key), at most `limit` of them.
  public func top(_ limit: Int? = nil) -> [Entry] {
    let all = keys.indices.map { Entry(key: keys[$0], count: counts[$0], error: errors[$0]) }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
    guard let limit else { return all }
    return Array(all.prefix(max(0, limit)))
  }

  /// Folds another summary into this one; the result keeps the smaller capacity.
  public mutating func merge(_ other: SpaceSaving<Key>) {
    let floorSelf = minimumCount
    let floorOther = other.minimumCount
    var combined: [Key: (count: Int, error: Int)] = [:]
    for slot in keys.indices {
      let theirs = other.slotOfKey[keys[slot]]
      let count = counts[slot] + (theirs.map { other.counts[$0] } ?? floorOther)
      let error = errors[slot] + (theirs.map { other.errors[$0] } ?? floorOther)
      combined[keys[slot]] = (count, error)
    }
    for slot in other.keys.indices where slotOfKey[other.keys[slot]] == nil {
      combined[other.keys[slot]] = (other.counts[slot] + floorSelf, other.errors[slot] + floorSelf)
    }
    let kept = combined.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
      .prefix(min(capacity, other.capacity))
    var result = SpaceSaving(capacity: min(capacity, other.capacity))
    result.total = total + other.total
    result.evicted = evicted || other.evicted || combined.count > result.capacity
    for (key, value) in kept { result.appendSlot(key: key, count: value.count, error: value.error) }
    result.rebuildHeap()
    self = result
  }

  mutating func rebuildHeap() {
    var index = heap.count / 2
    while index > 0 {
      index -= 1
      siftDown(index)
    }
  }

  private enum CodingKeys: String, CodingKey { case capacity, total, evicted, entries }

  /// Decodes a summary written by `encode(to:)`.
  /// - Throws: `DecodingError.dataCorrupted` when the total or an entry's count is outside
  ///   `0...mergeableCountLimit`, or an entry's error is negative or above its count.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    capacity = max(1, try container.decode(Int.self, forKey: .capacity))
    total = try container.decodeCount(forKey: .total)
    evicted = try container.decode(Bool.self, forKey: .evicted)
    let entries = try container.decode([Entry].self, forKey: .entries)
    for entry in entries
    where !(0...mergeableCountLimit).contains(entry.count) || !(0...entry.count).contains(entry.error) {
      throw DecodingError.dataCorruptedError(
        forKey: .entries, in: container,
        debugDescription: "count \(entry.count) with error \(entry.error) (expected 0 <= error <= count <= 2^48)")
    }
    for entry in entries.prefix(capacity) where slotOfKey[entry.key] == nil {
      appendSlot(key: entry.key, count: entry.count, error: entry.error)
    }
    rebuildHeap()
  }

  /// Encodes capacity, total and the monitored entries (most frequent first).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(capacity, forKey: .capacity)
    try container.encode(total, forKey: .total)
    try container.encode(evicted, forKey: .evicted)
    try container.encode(top(), forKey: .entries)
  }

  /// Equal when capacity, total and the set of monitored entries agree (slot order is ignored).
  public static func == (lhs: SpaceSaving<Key>, rhs: SpaceSaving<Key>) -> Bool {
    lhs.capacity == rhs.capacity && lhs.totalCount == rhs.totalCount && lhs.hasEvicted == rhs.hasEvicted
      && lhs.top() == rhs.top()
  }
}
