import AftershockModel
import Foundation

/// `aftershock-bench gbdt`: stratified 5-fold cross-validated ROC AUC and fit time of the
/// gradient-boosted trees on a churn table, to compare with `Scripts/gbdt_sklearn.py`.
///
///     swift run -c release aftershock-bench gbdt --data bank_churn.csv --label Exited \
///       --drop RowNumber,CustomerId,Surname [--runs 5] [--folds FILE] [--seed 0] [--threads-at CELLS]
enum BoostBenchmark {
  static let usage = """
    usage: aftershock-bench gbdt --data FILE --label COLUMN [--drop A,B,...] [--runs N] [--folds FILE]
                                 [--seed S] [--threads-at CELLS] [--tile K] [--explain] [--calibration]
      --seed S          folds of scikit-learn's StratifiedKFold(5, shuffle=True, random_state=S)
                        (reproduced exactly, numpy's Mersenne Twister included); default 0
      --folds FILE      fold number (0-4) of every row, one per line (e.g. written by
                        Scripts/gbdt_sklearn.py --write-folds), instead
      --write-folds F   write the fold number of every row (to compare with the script's)
      --threads-at N    build histograms on all cores when a node has at least N row×feature cells
      --tile K          repeat the table K times (a larger table to measure threading)
      --calibration     10-bin reliability table of the pooled out-of-fold probabilities, raw and
                        after Platt / isotonic calibration cross-fitted on the other folds
      --explain         also time TreeSHAP contributions for every row and print global importance
      --seeds A,B,...   cross-validate once on the folds of each seed (the trees' seed too) and print
                        each pooled AUC and their mean (to compare settings over several splits)
    settings of the trees (library defaults, or scikit-learn HGB's with --preset sklearn, then):
      --ensemble-folds K --learning-rate X --iterations N --leaves N --depth N --min-leaf N --l2 X --subsample X
      --early-stopping automatic|enabled|disabled --validation-fraction X --patience N --tolerance X
    """

  struct Table {
    var names: [String]
    var kinds: [BoostingFeatureKind]
    var columns: [[Double]]
    var labels: [Bool]
  }

  static func run(_ arguments: [String]) -> Int32 {
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--explain" || argument == "--help" || argument == "--calibration" {
        flags.insert(argument)
        index += 1
        continue
      }
      guard argument.hasPrefix("--"), index + 1 < arguments.count else {
        FileHandle.standardError.write(Data("error: unexpected argument '\(argument)'\n\(usage)\n".utf8))
        return 2
      }
      options[argument] = arguments[index + 1]
      index += 2
    }
    if flags.contains("--help") {
      print(usage)
      return 0
    }
    guard let path = options["--data"], let label = options["--label"] else {
      FileHandle.standardError.write(Data("error: --data and --label are required\n\(usage)\n".utf8))
      return 2
    }
    let drop = Set((options["--drop"] ?? "").split(separator: ",").map(String.init))
    let runs = Int(options["--runs"] ?? "5") ?? 5
    let seed = UInt64(options["--seed"] ?? "0") ?? 0
    do {
      var table = try load(path: path, label: label, drop: drop)
      if let tile = options["--tile"].flatMap(Int.init), tile > 1 {
        table.columns = table.columns.map { column in Array((0..<tile).map { _ in column }.joined()) }
        table.labels = Array((0..<tile).map { _ in table.labels }.joined())
      }
      let features = try BoostingFeatures(columns: table.columns, names: table.names, kinds: table.kinds)
      let folds: [Int]
      if let foldPath = options["--folds"] {
        let text = try String(contentsOfFile: foldPath, encoding: .utf8)
        folds = text.split(whereSeparator: \.isNewline).compactMap { Int($0) }
        guard folds.count == table.labels.count else {
          throw BenchError("fold file has \(folds.count) rows, the table \(table.labels.count)")
        }
      } else {
        folds = ScikitLearnFolds.stratifiedKFold(
          labels: table.labels, splits: 5, seed: UInt32(truncatingIfNeeded: seed))
      }
      if let foldPath = options["--write-folds"] {
        try folds.map(String.init).joined(separator: "\n").appending("\n")
          .write(toFile: foldPath, atomically: true, encoding: .utf8)
      }
      var configuration = try settings(options)
      configuration.seed = seed
      if let seedList = options["--seeds"] {
        let seeds = seedList.split(separator: ",").compactMap { UInt64($0) }
        var aucs: [Double] = []
        for seed in seeds {
          configuration.seed = seed
          let classifier = GradientBoostingClassifier(configuration: configuration)
          let folds = ScikitLearnFolds.stratifiedKFold(
            labels: table.labels, splits: 5, seed: UInt32(truncatingIfNeeded: seed))
          var pooled = [Double](repeating: 0, count: table.labels.count)
          var trees: [Int] = []
          for fold in 0..<5 {
            let trainRows = folds.indices.filter { folds[$0] != fold }
            let testRows = folds.indices.filter { folds[$0] == fold }
            let model = try classifier.fit(
              features.selectingRows(trainRows), labels: trainRows.map { table.labels[$0] })
            let probabilities = try model.predictProbabilities(features.selectingRows(testRows))
            for (position, row) in testRows.enumerated() { pooled[row] = probabilities[position] }
            trees.append(model.treeCount)
          }
          aucs.append(auc(pooled, table.labels))
          print(String(format: "seed %llu: pooled AUC %.4f  trees per fold %@", seed, aucs.last!, trees.description))
        }
        print(
          String(
            format: "mean pooled AUC over %d seeds %.4f (min %.4f, max %.4f)",
            aucs.count, aucs.reduce(0, +) / Double(max(1, aucs.count)), aucs.min() ?? .nan, aucs.max() ?? .nan))
        return 0
      }
      let classifier = GradientBoostingClassifier(configuration: configuration)

      var times: [Double] = []
      var cpuTimes: [Double] = []
      var pooled = [Double](repeating: 0, count: table.labels.count)
      var foldAUCs: [Double] = []
      var trees: [Int] = []
      var lastModel: GradientBoostedTrees?
      var lastTest: BoostingFeatures?
      for _ in 0..<max(1, runs) {
        var elapsed = 0.0
        var cpu = 0.0
        foldAUCs = []
        trees = []
        for fold in 0..<5 {
          let trainRows = folds.indices.filter { folds[$0] != fold }
          let testRows = folds.indices.filter { folds[$0] == fold }
          let train = features.selectingRows(trainRows)
          let test = features.selectingRows(testRows)
          let trainLabels = trainRows.map { table.labels[$0] }
          let start = DispatchTime.now().uptimeNanoseconds
          let cpuStart = processCPUSeconds()
          let model = try classifier.fit(train, labels: trainLabels)
          elapsed += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
          cpu += processCPUSeconds() - cpuStart
          let probabilities = try model.predictProbabilities(test)
          for (position, row) in testRows.enumerated() { pooled[row] = probabilities[position] }
          foldAUCs.append(auc(probabilities, testRows.map { table.labels[$0] }))
          trees.append(model.treeCount)
          lastModel = model
          lastTest = test
        }
        times.append(elapsed)
        cpuTimes.append(cpu)
      }
      let sorted = times.sorted()
      let median = sorted[sorted.count / 2]
      print(
        "aftershock gbdt (\(describe(configuration)), native categorical), 5-fold stratified, "
          + (options["--folds"] != nil
            ? "folds from \(options["--folds"]!)" : "folds of StratifiedKFold(5, shuffle=True, random_state=\(seed))"))
      print(
        "rows \(table.labels.count), features \(table.names.count) (\(table.kinds.filter { $0 == .categorical }.count) categorical), trees per fold \(trees)"
      )
      print(String(format: "pooled AUC %.4f  mean fold AUC %.4f", auc(pooled, table.labels), foldAUCs.reduce(0, +) / 5))
      print(
        String(
          format: "fit time for 5 folds: median %.3f s over %d runs (min %.3f, max %.3f)",
          median, times.count, sorted.first!, sorted.last!))
      print(String(format: "CPU time (all threads) for 5 folds: median %.3f s", cpuTimes.sorted()[cpuTimes.count / 2]))
      if flags.contains("--calibration") {
        try printCalibration(pooled: pooled, labels: table.labels, folds: folds)
      }
      if flags.contains("--explain"), let model = lastModel, let test = lastTest {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processCPUSeconds()
        let contributions = try model.contributions(test)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpuSeconds = processCPUSeconds() - cpuStart
        let margins = try model.predictMargins(test)
        var worst = 0.0
        for row in 0..<test.rowCount {
          let total = contributions.row(row).reduce(contributions.expectedValue, +)
          worst = max(worst, abs(total - margins[row]) / max(1, abs(margins[row])))
        }
        print(
          String(
            format:
              "TreeSHAP for %d rows × %d trees: %.3f s (CPU %.3f s); worst |sum - margin| / max(1, |margin|) = %.2e",
            test.rowCount, model.treeCount, seconds, cpuSeconds, worst))
        let importance = contributions.meanAbsolute()
        for (name, value) in zip(model.featureNames, importance).sorted(by: { $0.1 > $1.1 }) {
          print(String(format: "  %-16@ mean |SHAP| %.4f", name as NSString, value))
        }
      }
      return 0
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      return 1
    }
  }

  /// The library's defaults with any tree setting given on the command line.
  static func settings(_ options: [String: String]) throws -> GradientBoostingConfiguration {
    var configuration = GradientBoostingConfiguration()
    switch options["--preset"] {
    case nil, "default": break
    case "sklearn": configuration = .scikitLearn
    case let other?: throw BenchError("--preset expects default or sklearn, got '\(other)'")
    }
    func number(_ name: String) throws -> Double? {
      guard let text = options[name] else { return nil }
      guard let value = Double(text) else { throw BenchError("\(name) expects a number, got '\(text)'") }
      return value
    }
    if let value = try number("--learning-rate") { configuration.learningRate = value }
    if let value = try number("--iterations") { configuration.maxIterations = Int(value) }
    if let value = try number("--leaves") { configuration.maxLeafNodes = value > 0 ? Int(value) : nil }
    if let value = try number("--depth") { configuration.maxDepth = value > 0 ? Int(value) : nil }
    if let value = try number("--min-leaf") { configuration.minSamplesLeaf = Int(value) }
    if let value = try number("--l2") { configuration.l2Regularization = value }
    if let value = try number("--subsample") { configuration.rowSubsample = value }
    if let value = try number("--ensemble-folds") { configuration.ensembleFolds = Int(value) }
    if let value = try number("--validation-fraction") { configuration.validationFraction = value }
    if let value = try number("--patience") { configuration.patience = Int(value) }
    if let value = try number("--tolerance") { configuration.tolerance = value }
    if let value = try number("--threads-at") { configuration.parallelCellThreshold = Int(value) }
    if let text = options["--early-stopping"] {
      guard let policy = GradientBoostingConfiguration.EarlyStopping(rawValue: text) else {
        throw BenchError("--early-stopping expects automatic, enabled or disabled, got '\(text)'")
      }
      configuration.earlyStopping = policy
    }
    return configuration
  }

  /// The settings that shape the trees, for the report's first line.
  static func describe(_ c: GradientBoostingConfiguration) -> String {
    "lr \(c.learningRate), at most \(c.maxIterations) iterations, \(c.maxLeafNodes.map(String.init) ?? "unlimited") leaves, "
      + "depth \(c.maxDepth.map(String.init) ?? "unlimited"), min leaf \(c.minSamplesLeaf), l2 \(c.l2Regularization), "
      + (c.ensembleFolds > 1
        ? "mean of \(c.ensembleFolds) cross-fitted early-stopped models" : "early stopping \(c.earlyStopping.rawValue)")
  }

  /// Reliability of out-of-fold probabilities, raw and calibrated; each calibrator is fitted on
  /// the other folds' out-of-fold predictions and applied to the fold it did not see.
  static func printCalibration(pooled: [Double], labels: [Bool], folds: [Int]) throws {
    var platt = [Double](repeating: 0, count: pooled.count)
    var isotonic = [Double](repeating: 0, count: pooled.count)
    for fold in Set(folds) {
      let fitRows = folds.indices.filter { folds[$0] != fold }
      let applyRows = folds.indices.filter { folds[$0] == fold }
      let fitLabels = fitRows.map { labels[$0] }
      let fitProbabilities = fitRows.map { pooled[$0] }
      let plattMap = try ProbabilityCalibration.fit(method: .platt, probabilities: fitProbabilities, labels: fitLabels)
      let isotonicMap = try ProbabilityCalibration.fit(
        method: .isotonic, probabilities: fitProbabilities, labels: fitLabels)
      for row in applyRows {
        platt[row] = plattMap.calibrate(pooled[row])
        isotonic[row] = isotonicMap.calibrate(pooled[row])
      }
    }
    for (name, probabilities) in [("raw", pooled), ("platt", platt), ("isotonic", isotonic)] {
      let clipped = probabilities.map { min(max($0, 1e-15), 1 - 1e-15) }
      print(
        String(
          format: "%@: log-loss %.4f  Brier %.4f  AUC %.4f", name,
          try ClassificationMetrics.logLoss(clipped, labels),
          try ClassificationMetrics.brierScore(probabilities, labels),
          try ClassificationMetrics.rocAUC(probabilities, labels)))
      for bin in try ClassificationMetrics.calibrationTable(probabilities, labels, binCount: 10) where bin.count > 0 {
        print(
          String(
            format: "  [%.1f, %.1f)  n %5d  predicted %.3f  observed %.3f",
            bin.lower, bin.upper, bin.count, bin.meanPredicted, bin.observedRate))
      }
    }
  }

  /// CPU seconds used by the whole process so far (all threads).
  static func processCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  /// ROC AUC by the rank-sum formula (ties get their average rank).
  static func auc(_ scores: [Double], _ labels: [Bool]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
      let rank = Double(start + end) / 2 + 1
      for k in start...end where labels[order[k]] { rankSum += rank }
      start = end + 1
    }
    let positives = Double(labels.filter { $0 }.count)
    let negatives = Double(labels.count) - positives
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
  }

  /// A minimal loader for an unquoted CSV: numeric columns as numbers (blank = missing),
  /// text columns as categorical codes in sorted order of their values.
  static func load(path: String, label: String, drop: Set<String>) throws -> Table {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var rows: [[String]] = []
    var field: [UInt8] = []
    var row: [String] = []
    for byte in bytes {
      switch byte {
      case UInt8(ascii: ","):
        row.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
      case UInt8(ascii: "\n"):
        row.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        rows.append(row)
        row.removeAll(keepingCapacity: true)
      case UInt8(ascii: "\r"):
        continue
      default:
        field.append(byte)
      }
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(String(decoding: field, as: UTF8.self))
      rows.append(row)
    }
    guard let header = rows.first else { throw BenchError("\(path) is empty") }
    guard let labelColumn = header.firstIndex(of: label) else { throw BenchError("no column '\(label)' in \(path)") }
    // Rows with a blank label (accounts whose renewal is still open) are skipped, as churn cv does.
    let body = rows.dropFirst().filter { $0.count == header.count && !$0[labelColumn].isEmpty }
    var table = Table(names: [], kinds: [], columns: [], labels: [])
    table.labels = body.map { ["1", "true", "yes"].contains($0[labelColumn].lowercased()) }
    for (column, name) in header.enumerated() where column != labelColumn && !drop.contains(name) {
      let cells = body.map { $0[column] }
      let numbers = cells.map { $0.isEmpty ? Double.nan : Double($0) }
      if numbers.allSatisfy({ $0 != nil }) {
        table.names.append(name)
        table.kinds.append(.numeric)
        table.columns.append(numbers.map { $0! })
      } else {
        let levels = Array(Set(cells.filter { !$0.isEmpty })).sorted()
        guard levels.count < 255 else { throw BenchError("column '\(name)' has \(levels.count) levels; drop it") }
        let code = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Double($0)) })
        table.names.append(name)
        table.kinds.append(.categorical)
        table.columns.append(cells.map { code[$0] ?? .nan })
      }
    }
    return table
  }
}
