import AftershockModel
import Foundation

/// `aftershock-bench churn --data F --label COL [--drop a,b] [--folds K] [--repeats R]`:
/// k-fold cross-validated metrics of the logistic churn trainer and its fitting time.
enum ChurnBenchmark {
  static let usage =
    "usage: aftershock-bench churn --data FILE --label COLUMN [--drop a,b] [--id COLUMN] [--folds 5] [--repeats 5] [--solver newton|lbfgs|automatic]"

  /// Runs the benchmark; returns the process exit code.
  static func run(_ arguments: [String]) -> Int32 {
    if arguments.contains("--help") || arguments.contains("-h") {
      print(usage)
      return 0
    }
    var options = [String: String]()
    var index = 0
    while index < arguments.count {
      let name = arguments[index]
      guard name.hasPrefix("--"), index + 1 < arguments.count else {
        FileHandle.standardError.write(Data("\(usage)\n".utf8))
        return 2
      }
      options[String(name.dropFirst(2))] = arguments[index + 1]
      index += 2
    }
    guard let path = options["data"], let label = options["label"] else {
      FileHandle.standardError.write(Data("\(usage)\n".utf8))
      return 2
    }
    let folds = Int(options["folds"] ?? "5") ?? 5
    let repeats = max(1, Int(options["repeats"] ?? "5") ?? 5)
    let drop = (options["drop"] ?? "").split(separator: ",").map(String.init)
    do {
      let loadStart = DispatchTime.now().uptimeNanoseconds
      let table = try loadUnquotedCSV(path).droppingColumns(drop).parsingNumbers()
      let loadSeconds = seconds(since: loadStart)
      guard let solver = LogisticRegression.Solver(rawValue: options["solver"] ?? "automatic") else {
        FileHandle.standardError.write(Data("\(usage)\n".utf8))
        return 2
      }
      let estimator = LogisticRegression(.init(solver: solver))
      var cvSeconds = [Double]()
      var fullFitSeconds = [Double]()
      var report: CrossValidationReport?
      var model: ChurnModel?
      for _ in 0..<repeats {
        let cvStart = DispatchTime.now().uptimeNanoseconds
        report = try estimator.crossValidate(table, label: label, idColumn: options["id"], folds: folds, seed: 42)
        cvSeconds.append(seconds(since: cvStart))
        let fitStart = DispatchTime.now().uptimeNanoseconds
        model = try estimator.fit(table, label: label, idColumn: options["id"])
        fullFitSeconds.append(seconds(since: fitStart))
      }
      guard let report, let model, let logistic = model.logistic else { return 1 }
      let pooled = report.pooled
      print("data: \(path) rows \(table.rowCount) columns \(table.columnNames.count) (load \(ms(loadSeconds)))")
      print("features: \(model.encoder.features.count) encoded from \(model.encoder.columns.count) columns")
      print("cv: \(report.foldCount)-fold stratified, seed \(report.seed)")
      print(
        String(
          format: "  roc auc (pooled) %.4f   per fold %.4f ± %.4f", pooled.rocAUC, report.rocAUC.mean,
          report.rocAUC.standardDeviation))
      print(
        String(
          format: "  average precision %.4f   log-loss %.4f   brier %.4f   accuracy %.4f", pooled.averagePrecision,
          pooled.logLoss, pooled.brierScore, pooled.accuracy))
      print(String(format: "  top 10%%: lift %.2f  recall %.3f", pooled.topDecile.lift, pooled.topDecile.recall))
      print("  fold fits converged: \(report.converged.filter { $0 }.count)/\(report.converged.count)")
      for (fold, diagnostics) in report.diagnostics.enumerated() {
        if let diagnostics {
          print(
            String(
              format: "    fold %d: %d iterations, gradient norm %.2e, damped %d, fit %.1f ms", fold + 1,
              diagnostics.iterations, diagnostics.gradientNorm, diagnostics.dampedSteps, report.fitSeconds[fold] * 1000)
          )
        }
      }
      print(
        "time (median of \(repeats)): \(folds)-fold cv \(ms(median(cvSeconds))), fit on all rows \(ms(median(fullFitSeconds)))"
      )
      print(
        String(
          format: "full fit: %@, %d iterations, gradient norm %.2e, converged %@", logistic.diagnostics.solver.rawValue,
          logistic.diagnostics.iterations, logistic.diagnostics.gradientNorm,
          logistic.diagnostics.converged ? "yes" : "no"))
      return 0
    } catch {
      FileHandle.standardError.write(Data("aftershock-bench churn: \(error)\n".utf8))
      return 1
    }
  }

  /// Reads a CSV without quoted fields (such as the public bank churn table) into a table.
  private static func loadUnquotedCSV(_ path: String) throws -> DataTable {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
    guard !lines.isEmpty else { return try DataTable(header: []) }
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let rows = lines.filter { !$0.isEmpty }.map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    return try DataTable(header: header, rows: rows)
  }

  private static func seconds(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }

  private static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
}
