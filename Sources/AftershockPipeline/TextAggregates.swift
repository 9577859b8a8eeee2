import AftershockForecast
import AftershockIngest
import AftershockText

/// The run's sentiment aggregates while texts stream in, keyed by small integers (day number,
/// segment and offer codes) so the per-text cost is a few array updates; turned into the
/// mergeable, string-keyed tables of `RunSummary` once at the end.
struct TextAggregates {
  /// Segment names by code.
  let segmentNames: [String]
  /// Offer names by code.
  let offerNames: [String]
  private var byDay: [Int: RunningMoments] = [:]
  private var byAspect: [RunningMoments]
  private let aspectCount = Aspect.allCases.count

  init(segmentNames: [String], offerNames: [String]) {
    self.segmentNames = segmentNames
    self.offerNames = offerNames
    byAspect = Array(
      repeating: RunningMoments(), count: max(1, segmentNames.count * Aspect.allCases.count * offerNames.count))
  }

  /// Adds one text's sentiment and its aspects' scores.
  mutating func add(_ analysis: TextAnalysis, day: Int32, segment: Int, offer: Int) {
    byDay[Int(day) * segmentNames.count + segment, default: RunningMoments()].add(analysis.sentiment.compound)
    for aspect in analysis.aspects.mentioned {
      byAspect[(segment * aspectCount + aspect.rawValue) * offerNames.count + offer].add(
        analysis.aspects[score: aspect])
    }
  }

  /// Writes the tables into the summary (day as `YYYY-MM-DD`).
  func fill(_ summary: inout RunSummary) {
    let segments = segmentNames.count
    for (key, moments) in byDay {
      // Floored division: days before 1970 have negative numbers, and so negative keys.
      var (dayNumber, segment) = key.quotientAndRemainder(dividingBy: segments)
      if segment < 0 { (dayNumber, segment) = (dayNumber - 1, segment + segments) }
      let day = Day(daysSinceEpoch: Int32(dayNumber)).description
      summary.byDay.update(SliceKey(day: day, segment: segmentNames[segment])) { $0.sentiment.merge(moments) }
    }
    for segment in segmentNames.indices {
      for aspect in Aspect.allCases {
        for offer in offerNames.indices {
          let moments = byAspect[(segment * aspectCount + aspect.rawValue) * offerNames.count + offer]
          guard moments.count > 0 else { continue }
          summary.byAspect.update(
            SliceKey(segment: segmentNames[segment], aspect: aspect.description, offer: offerNames[offer])
          ) { $0.sentiment.merge(moments) }
        }
      }
    }
  }
}
