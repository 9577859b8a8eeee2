import AftershockText
import Foundation

/// `aftershock-bench text`: speed of tokenizing + rule scoring (+ the trained model) on
/// synthetic ticket-like paragraphs, and model quality on the shipped corpora.
enum TextBenchmark {
  static let usage = """
    usage: aftershock-bench text [--runs N] [--megabytes M] [--data DIR] [--model-file FILE]
                                 [--only WORDS] [--dump FILE] [--quality] [--train-default]
                                 [--score FILE] [--check FILE] [--cycle N] [--corpus FILE]
                                 [--without intents|aspects|intents,aspects] [--parts FILE]
      --runs N          timed runs, median reported (default 5)
      --megabytes M     size of the synthetic ticket corpus held in memory (default 64)
      --data DIR        the repository's Data directory (default Data)
      --model-file F    trained model to time (default DIR/models/sentiment.json)
      --only WORDS      time only the measurements whose name contains one of the comma-separated
                        WORDS (for profilers, and for A/B runs: Scripts/text_speed_ab.sh)
      --cycle N         the "texts cycled" line repeats the corpus's first N texts (default
                        64): a CPU learns the branches of a few dozen texts, not of thousands
      --corpus FILE     time the passes on the non-empty lines of FILE (real texts, one a line),
                        taken in turn until --megabytes, instead of the generated tickets
      --without W       time the rules with every word's intent and competitor bits
                        (intents) or aspect bits (aspects) cleared: what those readings cost
                        the word loop (phrases keep theirs; outputs then differ)
      --parts FILE      write the generated tickets' parts (openers, sentences, closers), one a
                        line after how many times a ticket holds it on average and a tab, and
                        stop: what each part costs the rules, with Scripts/text_part_cost.sh
      --dump FILE       also write the synthetic texts, one per line (for VADER's side of the
                        speed figures: Scripts/vader_compare.py --speed FILE)
      --quality         print accuracy/macro-F1 of the rules and the trained models: UCI (rules;
                        5-fold CV of nb, logistic, nb-logistic), VADER's Amazon snippets, the
                        sample's labelled texts, the default model on Amazon, and VADER's
                        movie and NYT snippets (held out: never used for tuning)
      --train-default   train the default model on all UCI sentences and the sample's labelled
                        texts (CorpusReader.sampleSentiment) and write --model-file
      --score FILE      print the rule compound of each line of FILE (for side-by-side checks)
      --check FILE      print every field of the full analysis (with the model) of each line of
                        FILE, floats exact, to diff before and after a speed change (a line
                        where the analyzer without the model disagrees starts "rules-only
                        analysis differs")
    """

  static func run(_ arguments: [String]) -> Int32 {
    var runs = 5
    var megabytes = 64
    var data = "Data"
    var modelFile: String?
    var dump: String?
    var quality = false
    var trainDefault = false
    var scoreFile: String?
    var checkFile: String?
    var only: String?
    var cycle = 64
    var corpusFile: String?
    var without: Set<Substring> = []
    var partsFile: String?
    var i = 0
    while i < arguments.count {
      let a = arguments[i]
      func value() -> String? {
        i += 1
        return i < arguments.count ? arguments[i] : nil
      }
      switch a {
      case "--runs": runs = value().flatMap(Int.init) ?? -1
      case "--megabytes": megabytes = value().flatMap(Int.init) ?? -1
      case "--data": data = value() ?? ""
      case "--model-file": modelFile = value()
      case "--dump": dump = value()
      case "--quality": quality = true
      case "--train-default": trainDefault = true
      case "--score": scoreFile = value()
      case "--check": checkFile = value()
      case "--only": only = value()
      case "--cycle": cycle = value().flatMap(Int.init) ?? -1
      case "--corpus": corpusFile = value() ?? ""
      case "--without": without = Set((value() ?? "?").split(separator: ","))
      case "--parts": partsFile = value()
      case "--help", "-h":
        print(usage)
        return 0
      default:
        FileHandle.standardError.write(Data("aftershock-bench text: unknown option '\(a)'\n\(usage)\n".utf8))
        return 2
      }
      i += 1
    }
    guard runs > 0, megabytes > 0, cycle > 0, !data.isEmpty, without.isSubset(of: ["intents", "aspects"]) else {
      FileHandle.standardError.write(Data("aftershock-bench text: bad option value\n\(usage)\n".utf8))
      return 2
    }
    let modelPath = modelFile ?? data + "/models/sentiment.json"
    do {
      if let partsFile {
        let lines = TicketCorpus.parts.map { String(format: "%.6f", $0.perTicket) + "\t" + $0.text + "\n" }
        try lines.joined().write(toFile: partsFile, atomically: true, encoding: .utf8)
        return 0
      }
      let lexicon = try TextLexicon(dataDirectory: data)
      if !without.isEmpty {
        lexicon.clearWordReadings(intents: without.contains("intents"), aspects: without.contains("aspects"))
      }
      if let scoreFile {
        let analyzer = TextAnalyzer(lexicon: lexicon)
        for line in try lines(of: scoreFile) {
          print(String(format: "%.4f", analyzer.sentiment(line).compound))
        }
        return 0
      }
      if let checkFile {
        try check(lexicon: lexicon, modelPath: modelPath, file: checkFile)
        return 0
      }
      if trainDefault { try train(lexicon: lexicon, data: data, to: modelPath) }
      if quality { try measureQuality(lexicon: lexicon, data: data) }
      if !quality && !trainDefault || dump != nil {
        onlyMeasurement = only
        let corpus: TicketCorpus
        if let corpusFile {
          corpus = try TicketCorpus(linesOf: corpusFile, targetBytes: megabytes << 20)
        } else {
          corpus = TicketCorpus(targetBytes: megabytes << 20, seed: 7)
        }
        try measureSpeed(
          corpus, source: corpusFile, lexicon: lexicon, modelPath: modelPath, runs: runs, cycle: cycle, dump: dump)
      }
      return 0
    } catch {
      FileHandle.standardError.write(Data("aftershock-bench text: \(error)\n".utf8))
      return 1
    }
  }

  /// The lines of a UTF-8 file, each without its line end ("\n" or "\r\n"; a Swift `String`
  /// split on "\n" keeps a CRLF file whole, "\r\n" being one `Character`). A last empty line
  /// after a final line end is kept, as every line is, so that line i of the output is line i of
  /// the file.
  static func lines(of path: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.split(separator: 10, omittingEmptySubsequences: false).map {
      String(decoding: $0.last == 13 ? $0.dropLast() : $0, as: UTF8.self)
    }
  }

  /// Prints every field of each line's analysis (floats as exact hex) for regression diffs.
  static func check(lexicon: TextLexicon, modelPath: String, file: String) throws {
    let model =
      FileManager.default.fileExists(atPath: modelPath) ? try LinearSentimentModel(contentsOf: modelPath) : nil
    let analyzer = TextAnalyzer(lexicon: lexicon, model: model)
    // The analyzer without a model takes other paths (no token hashes): it must agree.
    let rulesOnly = TextAnalyzer(lexicon: lexicon)
    func x(_ d: Double) -> String { String(format: "%a", d) }
    func r(_ range: Range<Int>?) -> String { range.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "-" }
    var out = ""
    for line in try lines(of: file) {
      var a = analyzer.analyze(line)
      let prediction = a.modelPrediction
      a.modelPrediction = nil
      if a != rulesOnly.analyze(line) || analyzer.sentenceSentiments != rulesOnly.sentenceSentiments {
        out += "rules-only analysis differs:\t"
      }
      a.modelPrediction = prediction
      var fields = [
        x(a.sentiment.compound), x(a.sentiment.positive), x(a.sentiment.neutral), x(a.sentiment.negative),
        a.churnIntent ? "intent" : "-", r(a.churnIntentEvidence), String(a.churnIntentCount),
        a.competitorMentioned ? "competitor" : "-", r(a.competitorEvidence), a.mentionsMoney ? "money" : "-",
        String(a.sentenceCount), String(a.tokenCount),
      ]
      for aspect in Aspect.allCases {
        fields.append("\(aspect):\(a.aspects[mentions: aspect]):\(x(a.aspects[score: aspect]))")
      }
      for s in analyzer.sentenceSentiments { fields.append("\(r(s.byteRange))=\(x(s.compound))") }
      if let p = a.modelPrediction {
        fields.append("model:\(p.labelIndex):\(x(p.probability)):\(p.positiveProbability.map(x) ?? "-")")
      }
      out += fields.joined(separator: "\t") + "\n"
    }
    print(out, terminator: "")
  }

  static func train(lexicon: TextLexicon, data: String, to path: String) throws {
    let uci = try CorpusReader.labelledCSV(
      path: data + "/corpora/uci_sentences.csv", textColumn: "text", labelColumn: "label")
    let sample = try CorpusReader.sampleSentiment(dataDirectory: data)
    let model = try LinearSentimentTrainer(lexicon: lexicon).fit(
      texts: uci.texts + sample.texts, labels: uci.labels + sample.labels)
    try model.save(to: path)
    print(
      "trained \(model.algorithm.rawValue) on \(uci.texts.count) UCI sentences and \(sample.texts.count) "
        + "labelled sample texts -> \(path)")
  }

  static func format(_ m: ClassificationMetrics) -> String {
    String(format: "accuracy %.4f  macro-F1 %.4f  (n=%d)", m.accuracy, m.macroF1, m.count)
  }

  /// Metrics on (text, positive|negative) pairs of a classifier whose `positive` label is
  /// mapped to "positive" and every other to "negative".
  static func polar(
    _ pairs: [(String, String)], _ predict: ([String]) -> [String], positive: String
  ) -> ClassificationMetrics {
    ClassificationMetrics(
      trueLabels: pairs.map(\.1),
      predictedLabels: predict(pairs.map(\.0)).map { $0 == positive ? "positive" : "negative" })
  }

  static func measureQuality(lexicon: TextLexicon, data: String) throws {
    let uci = try CorpusReader.labelledCSV(
      path: data + "/corpora/uci_sentences.csv", textColumn: "text", labelColumn: "label")
    let rules = try RuleSentimentClassifier(lexicon: lexicon, labels: ["0", "1"])
    print(
      "UCI rules (positive if compound > 0.05):  "
        + format(try SentimentEvaluation.evaluate(rules, texts: uci.texts, labels: uci.labels)))
    for algorithm in SentimentAlgorithm.allCases {
      let trainer = LinearSentimentTrainer(configuration: .init(algorithm: algorithm), lexicon: lexicon)
      let cv = try SentimentEvaluation.crossValidate(trainer, texts: uci.texts, labels: uci.labels, folds: 5, seed: 42)
      print(
        String(
          format: "UCI 5-fold stratified CV (seed 42) %@: mean accuracy %.4f (sd %.4f)  mean macro-F1 %.4f",
          algorithm.rawValue, cv.meanAccuracy, cv.accuracyStandardDeviation, cv.meanMacroF1))
    }
    let amazon = try CorpusReader.vaderGroundTruth(
      path: data + "/corpora/vader_icwsm2014/amazonReviewSnippets_GroundTruth.txt")
    let rules3 = try RuleSentimentClassifier(lexicon: lexicon, labels: ["negative", "neutral", "positive"])
    print(
      "Amazon (3 classes) rules:              "
        + format(try SentimentEvaluation.evaluate(rules3, texts: amazon.texts, labels: amazon.labels)))
    let model = try LinearSentimentTrainer(lexicon: lexicon).fit(texts: uci.texts, labels: uci.labels)
    let classifier = LinearSentimentClassifier(model: model, lexicon: lexicon)
    let mapped = classifier.predictLabels(amazon.texts).map { $0 == "1" ? "positive" : "negative" }
    let m = ClassificationMetrics(
      trueLabels: amazon.labels, predictedLabels: mapped, labels: ["negative", "neutral", "positive"])
    print("Amazon (3 classes) trained on UCI only (never predicts neutral): " + format(m))
    let binaryTexts = zip(amazon.texts, amazon.labels).filter { $0.1 != "neutral" }
    let mb = polar(binaryTexts, classifier.predictLabels, positive: "1")
    let rb = polar(binaryTexts, rules3.predictLabels, positive: "positive")
    print("Amazon non-neutral (2 classes) rules: " + format(rb))
    print("Amazon non-neutral (2 classes) trained on UCI only: " + format(mb))

    // The sample generator's texts (labels from its truth file), which the default model also learns from.
    let sample = try CorpusReader.sampleSentiment(dataDirectory: data)
    let rules2 = try RuleSentimentClassifier(lexicon: lexicon, labels: ["0", "1"])
    print(
      "Sample texts rules (positive if compound > 0.05): "
        + format(try SentimentEvaluation.evaluate(rules2, texts: sample.texts, labels: sample.labels)))
    let sampleCV = try SentimentEvaluation.crossValidate(
      LinearSentimentTrainer(lexicon: lexicon), texts: sample.texts, labels: sample.labels, folds: 5, seed: 42)
    print(
      String(
        format: "Sample texts 5-fold CV (seed 42) logistic: mean accuracy %.4f  mean macro-F1 %.4f",
        sampleCV.meanAccuracy, sampleCV.meanMacroF1))
    let both = try LinearSentimentTrainer(lexicon: lexicon).fit(
      texts: uci.texts + sample.texts, labels: uci.labels + sample.labels)
    let bothClassifier = LinearSentimentClassifier(model: both, lexicon: lexicon)
    let mboth = polar(binaryTexts, bothClassifier.predictLabels, positive: "1")
    print("Amazon non-neutral (2 classes) default model (UCI + sample texts): " + format(mboth))

    // VADER's other human-rated snippets, never used to tune the rules or train a model: how
    // the rules and the default model carry over to other kinds of language.
    for (name, file) in [("Movie", "movieReviewSnippets"), ("NYT", "nytEditorialSnippets")] {
      let snippets = try CorpusReader.vaderGroundTruth(path: data + "/corpora/vader_icwsm2014/\(file)_GroundTruth.txt")
      print(
        "\(name) (3 classes) rules: "
          + format(try SentimentEvaluation.evaluate(rules3, texts: snippets.texts, labels: snippets.labels)))
      let nonNeutral = zip(snippets.texts, snippets.labels).filter { $0.1 != "neutral" }
      let rulesPolar = polar(nonNeutral, rules3.predictLabels, positive: "positive")
      let modelPolar = polar(nonNeutral, bothClassifier.predictLabels, positive: "1")
      print("\(name) non-neutral (2 classes) rules: " + format(rulesPolar))
      print("\(name) non-neutral (2 classes) default model (UCI + sample texts): " + format(modelPolar))
    }
  }

  static func measureSpeed(
    _ corpus: TicketCorpus, source: String?, lexicon: TextLexicon, modelPath: String, runs: Int, cycle: Int,
    dump: String?
  ) throws {
    if let dump {
      var out = Data()
      corpus.forEachText { text in
        out.append(contentsOf: text.map { $0 == 10 || $0 == 13 ? 32 : $0 })
        out.append(10)
      }
      try out.write(to: URL(fileURLWithPath: dump))
      print("wrote \(corpus.count) texts to \(dump)")
    }
    let mb = Double(corpus.byteCount) / 1_048_576
    var load = [0.0, 0.0, 0.0]
    _ = getloadavg(&load, 3)
    print(
      String(
        format: "load average %.2f (timings on a busy machine are wall-clock slower; thread-CPU time is per core)",
        load[0]))
    let what = source.map { "texts, the lines of \($0) in turn," } ?? "ticket-like texts,"
    print(
      String(
        format: "corpus: %d %@ %.1f MB (mean %.0f bytes)", corpus.count, what as NSString, mb,
        Double(corpus.byteCount) / Double(corpus.count)))

    // Calibration: the cheapest useful pass over the same bytes, to compare machines/loads.
    report("reference: FNV-1a over every byte", runs: runs, mb: mb, texts: corpus.count) {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      corpus.forEachText { text in
        for b in text { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
      }
      return Double(h & 0xff)
    }
    // Reference: the bare byte-level tokenizer the issue quotes (ASCII letters folded and
    // FNV-1a hashed byte by byte, one look-up per word, nothing else).
    let reference = FNVReferenceTable(keys: lexicon.entryKeys)
    report("reference: bare tokenizer + 1 look-up", runs: runs, mb: mb, texts: corpus.count) {
      var found = 0
      scanBareWords(corpus, reference, text: {}, other: { _ in }) { if $0 >= 0 { found += 1 } }
      return Double(found)
    }
    // The third yardstick: the same bare tokenizer written with `String` and
    // `Character` (each text decoded, runs of letters lower-cased as words, one `Dictionary`
    // look-up a word), on the corpus's first 8 MB: it runs some 40 times slower.
    let lexiconWords = Dictionary(
      lexicon.entryKeys.enumerated().map { (String(decoding: $1, as: UTF8.self), $0) }, uniquingKeysWith: { a, _ in a })
    let head = TicketCorpus(prefixOf: corpus, bytes: 8 << 20)
    report(
      "reference: the same with String/Character", runs: runs, mb: Double(head.byteCount) / 1_048_576, texts: head.count
    ) {
      var found = 0
      head.forEachText { bytes in
        var word = ""
        for c in String(decoding: bytes, as: UTF8.self) {
          if c.isLetter {
            word.append(c)
          } else if !word.isEmpty {
            if lexiconWords[word.lowercased()] != nil { found += 1 }
            word.removeAll(keepingCapacity: true)
          }
        }
        if !word.isEmpty && lexiconWords[word.lowercased()] != nil { found += 1 }
      }
      return Double(found)
    }
    // Floor: the reference plus the arithmetic at the core of any VADER-like scorer (valence
    // look-up, a two-word negation, a one-word booster, a per-sentence normalisation), in one
    // loop with its state in registers. Not a product path: it measures how much of the rules'
    // cost is their arithmetic and how much is the shape of the code around it.
    let valence = lexicon.valencePointer
    let info = lexicon.entryInfoPointer
    report("floor: bare + valence, negation, booster", runs: runs, mb: mb, texts: corpus.count) {
      var total = 0.0
      var sum: Float = 0
      var items = 0
      var previous: UInt64 = 0
      var beforePrevious: UInt64 = 0
      scanBareWords(
        corpus, reference,
        text: {
          let s = Double(sum)
          total += s / (s * s + 15).squareRoot() + Double(items)
          sum = 0
          items = 0
          previous = 0
          beforePrevious = 0
        },
        other: { byte in
          guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") else { return }
          let s = Double(sum)
          total += s / (s * s + 15).squareRoot()
          sum = 0
        }
      ) { e in
        let x = info[e]  // entry -1 reads the empty info in front
        if x & UInt64(EntryRoles.valence.rawValue) != 0 {
          var v = valence[e]
          if (previous | beforePrevious) & UInt64(EntryRoles.negator.rawValue) != 0 { v *= -0.74 }
          if previous & UInt64(EntryRoles.booster.rawValue) != 0 { v += v > 0 ? 0.293 : -0.293 }
          sum += v
          items += 1
        }
        beforePrevious = previous
        previous = x
      }
      return total
    }
    let tokenizer = Tokenizer(lexicon: lexicon)
    let buffer = TokenBuffer()
    report("tokenize only", runs: runs, mb: mb, texts: corpus.count) {
      var sink = 0
      corpus.forEachText { text in
        tokenizer.tokenize(text, into: buffer)
        sink &+= buffer.tokenCount
      }
      return Double(sink)
    }
    let analyzer = TextAnalyzer(lexicon: lexicon)
    report("tokenize + rules + aspects + intent", runs: runs, mb: mb, texts: corpus.count) {
      var sink = 0.0
      corpus.forEachText { text in sink += analyzer.analyze(utf8: text).sentiment.compound }
      return sink
    }
    // The same with the other-language check that `score` and `run` turn on (a pass of its own
    // over up to 24 tokens a text: `TextAnalyzer.checksLanguage`).
    let checking = TextAnalyzer(lexicon: lexicon)
    checking.checksLanguage = true
    report("... + language check (as score and run)", runs: runs, mb: mb, texts: corpus.count) {
      var sink = 0.0
      corpus.forEachText { text in
        let analysis = checking.analyze(utf8: text)
        sink += analysis.sentiment.compound + Double(analysis.knownLowerCaseWords)
      }
      return sink
    }
    // The same rules on a corpus of as many bytes that cycles through the first `cycle` texts:
    // the CPU's branch predictor learns their paths (64 texts, some 50,000 branches a cycle, it
    // does), so the gap to the line above is what the branches the text decides cost (a new
    // ticket, a new sentence, whether a word is a rule's).
    let cycled = TicketCorpus(cycling: corpus, texts: cycle)
    report(
      "the same, \(cycle) texts cycled (branches learned)", runs: runs, mb: Double(cycled.byteCount) / 1_048_576,
      texts: cycled.count
    ) {
      var sink = 0.0
      cycled.forEachText { text in sink += analyzer.analyze(utf8: text).sentiment.compound }
      return sink
    }
    // The fixed cost of a text: the same number of two-byte texts ("MB/s" here is of the corpus,
    // so the time reads as what the per-text overhead costs the run above).
    let tiny: [UInt8] = Array("ok".utf8)
    report("per-text overhead (as many 2-byte texts)", runs: runs, mb: mb, texts: corpus.count) {
      var sink = 0.0
      tiny.withUnsafeBytes { bytes in
        for _ in 0..<corpus.count { sink += analyzer.analyze(utf8: bytes).sentiment.compound }
      }
      return sink
    }
    if FileManager.default.fileExists(atPath: modelPath) {
      let model = try LinearSentimentModel(contentsOf: modelPath)
      let withModel = TextAnalyzer(lexicon: lexicon, model: model)
      report("... + trained model (\(model.algorithm.rawValue))", runs: runs, mb: mb, texts: corpus.count) {
        var sink = 0.0
        corpus.forEachText { text in
          sink += withModel.analyze(utf8: text).modelPrediction?.probability ?? 0
        }
        return sink
      }
    } else {
      print("no model at \(modelPath): trained-model timing skipped")
    }
  }

  /// The bare byte-level tokenizer: ASCII letters folded and FNV-1a hashed byte by
  /// byte, one look-up per word; `word` gets each word's id (-1 when not in the table),
  /// `other` every byte outside a word, `text` the end of each text.
  @inline(__always)
  static func scanBareWords(
    _ corpus: TicketCorpus, _ table: FNVReferenceTable, text: () -> Void, other: (UInt8) -> Void,
    word: (Int) -> Void
  ) {
    var key = [UInt8](repeating: 0, count: 1 << 16)
    key.withUnsafeMutableBufferPointer { k in
      corpus.forEachText { bytes in
        do {
          let p = bytes.assumingMemoryBound(to: UInt8.self)
          var i = 0
          let n = p.count
          while i < n {
            var c = p[i] | 0x20
            guard c >= 0x61 && c <= 0x7A else {
              other(p[i])
              i += 1
              continue
            }
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var len = 0
            repeat {
              k[len] = c
              len += 1
              h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01b3
              i += 1
              if i >= n { break }
              c = p[i] | 0x20
            } while c >= 0x61 && c <= 0x7A && len < 65535
            word(table.find(hash: h, key: UnsafeRawBufferPointer(start: k.baseAddress, count: len)))
          }
        }
        text()
      }
    }
  }

  /// `--only`: comma-separated substrings of the measurement names to time (nil: all).
  nonisolated(unsafe) static var onlyMeasurement: String?

  static func report(_ name: String, runs: Int, mb: Double, texts: Int, _ body: () -> Double) {
    if let only = onlyMeasurement, !only.split(separator: ",").contains(where: { name.contains($0) }) { return }
    var times: [Double] = []
    var cpuTimes: [Double] = []
    var check = 0.0
    func threadCPU() -> Double {
      var ts = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
      return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      let cpuStart = threadCPU()
      check += body()
      cpuTimes.append(threadCPU() - cpuStart)
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    times.sort()
    cpuTimes.sort()
    let median = times[times.count / 2]
    let cpu = cpuTimes[cpuTimes.count / 2]
    // Best of N as well: on a shared machine the median drifts with other tenants' load.
    let best = cpuTimes[0]
    print(
      String(
        format:
          "%-38@ wall median %.3f s %7.1f MB/s %8.0f texts/s | thread-CPU median %.3f s %7.1f MB/s, best %7.1f MB/s (checksum %.3g)",
        name as NSString, median, mb / median, Double(texts) / median, cpu, mb / cpu, mb / best, check))
  }
}

/// Synthetic ticket-like paragraphs assembled from phrase lists, held in one byte buffer.
struct TicketCorpus {
  private(set) var bytes: [UInt8] = []
  private(set) var offsets: [Int] = [0]
  var count: Int { offsets.count - 1 }
  var byteCount: Int { bytes.count }

  static let openers = [
    "Hi team,", "Hello,", "To whom it may concern:", "Hi @support,", "Dear Account Manager,", "Hey,", "",
    "Good morning.", "URGENT:",
  ]
  static let incident = [
    "Your update bricked 400 of our laptops on Friday and we spent the whole weekend fixing them.",
    "The outage took down our entire call center for 9 hours!!!",
    "All our servers went into a boot loop after the faulty update, a complete disaster.",
    "We lost a full day of revenue because of the BSOD loop.",
    "Honestly the downtime was not as bad as I feared, recovery was quick.",
    "Our systems were down for two days and nobody could work :(",
    "The incident was handled reasonably well on our side, no data loss.",
    "This was the worst outage we have ever experienced with any vendor.",
    "Machines crashed during the night shift and the hospital had to go to paper.",
    "We're still cleaning up after the crash, 3 weeks later 😡",
  ]
  static let offer = [
    "A $10 voucher is a slap in the face.",
    "The $10 gift card is insulting, frankly a joke.",
    "Thanks for the service credit, it was a fair gesture.",
    "We appreciate the extended service offer, that helps.",
    "The compensation is not enough for what we went through.",
    "Your coupon didn't even work when we tried to redeem it 🤦‍♂️",
    "The refund process was smooth and quick 👍",
    "10 dollars per seat does not cover a single hour of lost work.",
  ]
  static let support = [
    "Support was great and kept us updated the whole time.",
    "We waited on hold for 3 hours and got no response.",
    "Your support team went above and beyond, thank you!",
    "The agent was rude and closed our ticket without an answer.",
    "Please help us restore the remaining machines asap.",
    "Can you please send the root cause analysis? Thanks in advance.",
    "Communication was terrible, we were kept in the dark for a day.",
    "The status page updates were clear and timely.",
  ]
  static let intent = [
    "We will not renew our contract in March.",
    "We are evaluating alternatives and looking at other vendors.",
    "Management wants to switch to SentinelOne next quarter.",
    "We will not cancel, but we expect better testing.",
    "If this happens again we will terminate the agreement.",
    "We're moving to Microsoft Defender for Endpoint.",
    "We plan to renew, the product is still the best on the market.",
    "Our CISO is reviewing the contract with legal. See https://example.com/case/12345 or mail it@example.org.",
  ]
  static let closers = [
    "Regards, Dana", "Thanks.", "Best,\nMarc", "Sent from my iPhone", "#WorstSupportEver", "Cheers!", "",
    "Looking forward to your reply.", "NOT HAPPY.",
  ]

  /// Every non-empty part a generated ticket is built from, with how many times a ticket holds
  /// it on average (`init(targetBytes:seed:)`: an opener and a closer drawn from their lists,
  /// empty ones included, and one to four sentences, each from one of the four lists drawn
  /// first). A line break inside a part becomes a space, so that each part is one line.
  static var parts: [(perTicket: Double, text: String)] {
    let lists = [incident, offer, support, intent]
    var parts: [(Double, String)] = openers.map { (1.0 / Double(openers.count), $0) }
    for list in lists {
      // 2.5 sentences a ticket on average, a quarter of them from each list.
      parts += list.map { (2.5 / Double(lists.count) / Double(list.count), $0) }
    }
    parts += closers.map { (1.0 / Double(closers.count), $0) }
    return parts.filter { !$0.1.isEmpty }.map { ($0.0, $0.1.replacingOccurrences(of: "\n", with: " ")) }
  }

  init(targetBytes: Int, seed: UInt64) {
    var state = seed
    func next(_ n: Int) -> Int {
      state &+= 0x9e37_79b9_7f4a_7c15
      var z = state
      z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
      z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
      return Int((z ^ (z >> 31)) % UInt64(n))
    }
    bytes.reserveCapacity(targetBytes + 4096)
    let lists = [Self.incident, Self.offer, Self.support, Self.intent]
    while bytes.count < targetBytes {
      var parts: [String] = [Self.openers[next(Self.openers.count)]]
      for _ in 0..<(1 + next(4)) {
        let list = lists[next(lists.count)]
        parts.append(list[next(list.count)])
      }
      parts.append(Self.closers[next(Self.closers.count)])
      let text = parts.filter { !$0.isEmpty }.joined(separator: next(3) == 0 ? "\n" : " ")
      bytes.append(contentsOf: text.utf8)
      offsets.append(bytes.count)
    }
  }

  /// The non-empty lines of a file, taken in turn until the corpus holds `targetBytes`.
  init(linesOf path: String, targetBytes: Int) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw BoostBenchmark.BenchError("cannot read \(path)")
    }
    let lines = data.split(separator: 10).map { $0.last == 13 ? $0.dropLast() : $0 }.filter { !$0.isEmpty }
    guard !lines.isEmpty else { throw BoostBenchmark.BenchError("\(path) has no non-empty line to time") }
    self.init(repeating: lines, targetBytes: targetBytes)
  }

  /// `corpus`'s first texts, as many as make up at least `bytes` bytes (all of it when smaller).
  init(prefixOf corpus: TicketCorpus, bytes: Int) {
    var n = 0
    while n < corpus.count && corpus.offsets[n] < bytes { n += 1 }
    let first = (0..<n).map { corpus.bytes[corpus.offsets[$0]..<corpus.offsets[$0 + 1]] }
    self.init(repeating: first, targetBytes: corpus.offsets[n])
  }

  /// A corpus of at least `corpus`'s bytes that repeats its first `texts` texts in order.
  init(cycling corpus: TicketCorpus, texts: Int) {
    let first = (0..<min(texts, corpus.count)).map { corpus.bytes[corpus.offsets[$0]..<corpus.offsets[$0 + 1]] }
    self.init(repeating: first, targetBytes: corpus.byteCount)
  }

  /// `texts` (not empty) taken in turn until the corpus holds `targetBytes`.
  private init<Text: Collection<UInt8>>(repeating texts: [Text], targetBytes: Int) {
    precondition(!texts.isEmpty, "a corpus needs a text to repeat")
    bytes.reserveCapacity(targetBytes + 4096)
    var i = 0
    while bytes.count < targetBytes {
      bytes.append(contentsOf: texts[i])
      offsets.append(bytes.count)
      i = (i + 1) % texts.count
    }
  }

  /// Calls `body` with each text's bytes, in place: the timed passes pay nothing per text for
  /// the corpus itself (an array slice per text would cost two reference-count updates).
  func forEachText(_ body: (UnsafeRawBufferPointer) -> Void) {
    bytes.withUnsafeBytes { all in
      offsets.withUnsafeBufferPointer { offsets in
        for i in 0..<offsets.count - 1 {
          body(UnsafeRawBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]]))
        }
      }
    }
  }
}

/// The reference's look-up table: the lexicon's words keyed by FNV-1a (open addressing with a
/// hash tag per slot, keys in one arena compared with memcmp), independent of the product's
/// tables.
final class FNVReferenceTable {
  private var slots: [UInt64]  // tag << 32 | id, or ~0 for empty
  private var arena: [UInt8] = []
  private var offsets: [Int] = [0]
  private let mask: Int

  init(keys: [[UInt8]]) {
    var size = 16
    while size < keys.count * 2 { size <<= 1 }
    slots = Array(repeating: ~0, count: size)
    mask = size - 1
    for (id, key) in keys.enumerated() {
      arena.append(contentsOf: key)
      offsets.append(arena.count)
      let h = FNVReferenceTable.fnv(key)
      var i = Int(truncatingIfNeeded: h) & mask
      while slots[i] != ~0 { i = (i + 1) & mask }
      slots[i] = (h >> 32) << 32 | UInt64(id)
    }
  }

  static func fnv(_ key: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    return h
  }

  @inline(__always)
  func find(hash: UInt64, key: UnsafeRawBufferPointer) -> Int {
    slots.withUnsafeBufferPointer { s in
      var i = Int(truncatingIfNeeded: hash) & mask
      while true {
        let slot = s[i]
        if slot == ~0 { return -1 }
        if slot >> 32 == hash >> 32 {
          let id = Int(slot & 0xffff_ffff)
          let start = offsets[id]
          if offsets[id + 1] - start == key.count
            && arena.withUnsafeBytes({ memcmp($0.baseAddress! + start, key.baseAddress!, key.count) == 0 })
          {
            return id
          }
        }
        i = (i + 1) & mask
      }
    }
  }
}
