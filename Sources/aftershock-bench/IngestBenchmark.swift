import AftershockIngest

#if canImport(Glibc)
  import Glibc
#endif

/// `aftershock-bench ingest`: throughput of the CSV reader alone and of the full ticket ingest (map + validate).
enum IngestBenchmark {
  static let help = """
    usage: aftershock-bench ingest [--file F | --size-mb N] [--runs N] [--write F] [--validate-once]

      --file F          measure an existing ticket CSV instead of a generated one
      --size-mb N       size of the generated ticket CSV in MB (default 256)
      --runs N          timed runs per measurement (default 5); median and min are reported
      --seed S          generator seed (default 1)
      --write F         only generate the ticket CSV into F and exit
      --validate-once   run Ingest.validate once on the file (for /usr/bin/time -v) and print its counts
      --only parse|full run one of the two measurements (for profiling)
      --jsonl           generate (or read) JSON Lines tickets instead of CSV; adds a JSONDecoder baseline

    """

  static func run(_ arguments: [String]) throws -> Int32 {
    var file: String?
    var sizeMB = 256
    var runs = 5
    var seed: UInt64 = 1
    var writeOnly: String?
    var validateOnce = false
    var only: String?
    var jsonLines = false
    var i = 0
    func value() -> String? {
      i += 1
      return i < arguments.count ? arguments[i] : nil
    }
    while i < arguments.count {
      switch arguments[i] {
      case "--file": file = value()
      case "--size-mb": sizeMB = value().flatMap { Int($0) } ?? -1
      case "--runs": runs = value().flatMap { Int($0) } ?? -1
      case "--seed": seed = value().flatMap { UInt64($0) } ?? 1
      case "--write": writeOnly = value()
      case "--validate-once": validateOnce = true
      case "--only": only = value()
      case "--jsonl": jsonLines = true
      case "--help", "-h":
        print(help, terminator: "")
        return 0
      default:
        printError("aftershock-bench ingest: unknown option '\(arguments[i])'\n\n" + help)
        return 2
      }
      i += 1
    }
    guard sizeMB > 0, runs > 0 else {
      printError("aftershock-bench ingest: --size-mb and --runs take positive whole numbers\n")
      return 2
    }
    if let writeOnly {
      var generator = TicketFileGenerator(seed: seed)
      let rows = try generator.write(to: writeOnly, bytes: sizeMB * 1_000_000, jsonLines: jsonLines)
      print("wrote \(writeOnly): \(sizeMB) MB, \(rows) tickets")
      return 0
    }
    var path = file ?? ""
    var temporary = false
    if file == nil {
      path = "/tmp/aftershock-bench-tickets-\(getpid())" + (jsonLines ? ".jsonl" : ".csv")
      var generator = TicketFileGenerator(seed: seed)
      let rows = try generator.write(to: path, bytes: sizeMB * 1_000_000, jsonLines: jsonLines)
      print("generated \(path): \(sizeMB) MB, \(rows) tickets")
      temporary = true
    }
    defer { if temporary { unlink(path) } }
    if validateOnce {
      let start = now()
      let reports = try Ingest.validate([path])
      let seconds = now() - start
      for r in reports {
        let s = r.summary
        print(
          "\(s.file): \(s.kind.rawValue) \(s.format.rawValue) read \(s.read) accepted \(s.accepted) quarantined \(s.quarantined)"
        )
      }
      let bytes = Double(reports.first?.summary.bytesRead ?? 0)
      print("validate: \(format(bytes / seconds / 1e6)) MB/s in \(format(seconds)) s; peak RSS \(peakRSSMB()) MB")
      return 0
    }
    let bytes = Double(fileSize(path))
    print("file: \(path) (\(format(bytes / 1e6)) MB); \(runs) runs each, median (min time) reported; warm page cache")

    var rows = 0
    if only != "full" && jsonLines {
      let parse = try measure(runs) {
        let reader = try JSONLinesReader(path: path)
        var records = 0
        var members = 0
        while let event = try reader.nextRecord() {
          if case .record = event { members &+= reader.memberCount }
          records += 1
        }
        rows = records
        return members
      }
      report("parse only (JSONLinesReader: objects decoded to byte ranges)", parse, bytes: bytes, rows: rows)
      let baseline = try JSONDecoderBaseline.measure(path: path, lines: 50_000)
      print(
        "  baseline JSONDecoder (Codable struct, first \(baseline.lines) lines): \(format3(baseline.microsecondsPerLine)) µs/line cpu"
      )
      print("  JSONLinesReader: \(format3(parse.cpu[parse.cpu.count / 2] / Double(rows) * 1e6)) µs/line cpu (median)")
    }
    if only != "full" && !jsonLines {
      let parse = try measure(runs) {
        let reader = try CSVReader(path: path)
        var records = 0
        var fields = 0
        while let event = try reader.nextRecord() {
          if case .record = event { fields &+= reader.fieldCount }
          records += 1
        }
        rows = records
        return fields
      }
      report("parse only (CSVReader: SWAR scan, UTF-8/NUL check)", parse, bytes: bytes, rows: rows)
    }
    if only != "parse" {

      let accountIDs = (0..<5000).map { "ACC-\(10000 + $0)" }
      var accepted = 0
      var quarantined = 0
      let full = try measure(runs) {
        let directory = AccountDirectory(ids: accountIDs)
        var bodyBytes = 0
        let summary = try Ingest.streamTickets(
          from: path, knownAccounts: directory, onTicket: { bodyBytes &+= $0.body.utf8.count },
          onQuarantine: { _ in })
        accepted = summary.accepted
        quarantined = summary.quarantined
        rows = summary.read
        return bodyBytes
      }
      report("parse + map + validate (Ingest.streamTickets → Ticket)", full, bytes: bytes, rows: rows)
      print("  tickets accepted \(accepted), quarantined \(quarantined)")
    }
    print("peak RSS: \(peakRSSMB()) MB")
    return 0
  }

  /// Wall-clock and CPU (user + system) seconds of each run, each list sorted.
  static func measure(_ runs: Int, _ body: () throws -> Int) throws -> (wall: [Double], cpu: [Double]) {
    var wall: [Double] = []
    var cpu: [Double] = []
    var sink = 0
    for _ in 0..<runs {
      let start = now()
      let startCPU = cpuSeconds()
      sink &+= try body()
      wall.append(now() - start)
      cpu.append(cpuSeconds() - startCPU)
    }
    if sink == 42 { print("") }  // keep the work observable
    return (wall.sorted(), cpu.sorted())
  }

  static func report(_ title: String, _ times: (wall: [Double], cpu: [Double]), bytes: Double, rows: Int) {
    print(title)
    for (name, list) in [("wall", times.wall), ("cpu ", times.cpu)] {
      let median = list[list.count / 2]
      let best = list[0]
      print(
        "  \(name): median \(format(bytes / median / 1e6)) MB/s, \(format(Double(rows) / median / 1e6)) M rows/s"
          + " (\(format3(median)) s); best \(format(bytes / best / 1e6)) MB/s (\(format3(best)) s)")
    }
  }

  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
      + Double(usage.ru_stime.tv_usec) / 1e6
  }

  static func format3(_ value: Double) -> String { String((value * 1000).rounded() / 1000) }

  static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  static func peakRSSMB() -> String {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return format(Double(usage.ru_maxrss) / 1024)
  }

  static func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
  }

  static func format(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return String(rounded)
  }
}
