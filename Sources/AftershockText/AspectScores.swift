/// Per-aspect sentiment of one text: a fixed-size record indexed by `Aspect` (no allocation).
public struct AspectScores: Sendable, Equatable {
  private var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0
  private var m0: Int32 = 0, m1: Int32 = 0, m2: Int32 = 0, m3: Int32 = 0, m4: Int32 = 0, m5: Int32 = 0, m6: Int32 = 0

  /// No aspect mentioned.
  public init() {}

  /// All seven at once, in `Aspect` order (the analyzer's per-text totals): plain stores, no
  /// per-aspect dispatch.
  ///
  /// A mentioned aspect's weight is at least 1 (each clause weighs 1 plus its values); one
  /// not mentioned has sum and weight 0 and gets 0 / 1. So no branch on the weight, which is
  /// as likely zero as not.
  init(sums: UnsafePointer<Double>, weights: UnsafePointer<Double>, mentions: UnsafePointer<Int>) {
    @inline(__always) func score(_ i: Int) -> Double { sums[i] / Swift.max(weights[i], 1) }
    s0 = score(0)
    s1 = score(1)
    s2 = score(2)
    s3 = score(3)
    s4 = score(4)
    s5 = score(5)
    s6 = score(6)
    m0 = Int32(truncatingIfNeeded: mentions[0])
    m1 = Int32(truncatingIfNeeded: mentions[1])
    m2 = Int32(truncatingIfNeeded: mentions[2])
    m3 = Int32(truncatingIfNeeded: mentions[3])
    m4 = Int32(truncatingIfNeeded: mentions[4])
    m5 = Int32(truncatingIfNeeded: mentions[5])
    m6 = Int32(truncatingIfNeeded: mentions[6])
  }

  /// Compound sentiment of the clauses that mention `aspect` (0 when not mentioned).
  public subscript(score aspect: Aspect) -> Double {
    get {
      switch aspect {
      case .outage: return s0
      case .offer: return s1
      case .support: return s2
      case .communication: return s3
      case .reliability: return s4
      case .price: return s5
      case .competitor: return s6
      }
    }
    set {
      switch aspect {
      case .outage: s0 = newValue
      case .offer: s1 = newValue
      case .support: s2 = newValue
      case .communication: s3 = newValue
      case .reliability: s4 = newValue
      case .price: s5 = newValue
      case .competitor: s6 = newValue
      }
    }
  }

  /// Number of clauses that mention `aspect`.
  public subscript(mentions aspect: Aspect) -> Int {
    get {
      switch aspect {
      case .outage: return Int(m0)
      case .offer: return Int(m1)
      case .support: return Int(m2)
      case .communication: return Int(m3)
      case .reliability: return Int(m4)
      case .price: return Int(m5)
      case .competitor: return Int(m6)
      }
    }
    set {
      let v = Int32(clamping: newValue)
      switch aspect {
      case .outage: m0 = v
      case .offer: m1 = v
      case .support: m2 = v
      case .communication: m3 = v
      case .reliability: m4 = v
      case .price: m5 = v
      case .competitor: m6 = v
      }
    }
  }

  /// Whether `aspect` is mentioned.
  public func isMentioned(_ aspect: Aspect) -> Bool { self[mentions: aspect] > 0 }

  /// The mentioned aspects, in declaration order.
  public var mentioned: [Aspect] { Aspect.allCases.filter { isMentioned($0) } }
}
