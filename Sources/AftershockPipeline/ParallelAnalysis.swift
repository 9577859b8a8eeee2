import AftershockText
import Dispatch

/// Analyses a batch of texts on every core: one `TextAnalyzer` per worker, results in input order.
enum ParallelAnalysis {
  /// The analyses of `texts`, in order; workers take interleaved texts so long ones spread evenly.
  static func analyze(_ texts: [String], with analyzers: [TextAnalyzer]) -> [TextAnalysis] {
    let count = texts.count
    guard count > 0 else { return [] }
    let workers = min(analyzers.count, max(1, count / 64))
    if workers <= 1 { return texts.map { analyzers[0].analyze($0) } }
    var results = [TextAnalysis](repeating: TextAnalysis(), count: count)
    results.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let output = buffer
      nonisolated(unsafe) let workersAnalyzers = analyzers
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let analyzer = workersAnalyzers[worker]
        var index = worker
        while index < count {
          output[index] = analyzer.analyze(texts[index])
          index += workers
        }
      }
    }
    return results
  }
}
