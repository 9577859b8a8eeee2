// Times the run history: saving a run of N accounts (one transaction, reused statements),
// replacing it (same as_of), and the at-risk query with deltas. Built by Scripts/bench_store.sh
// together with Sources/AftershockStore in one optimised module. Prints best of 5 per step.
import CSQLite
import Foundation

let accountCount = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100_000
let managers = (0..<40).map { "Manager \($0)" }
let segments = ["enterprise", "mid-market", "smb"]

func scores(seed: UInt64) -> [AccountScore] {
  var state = seed
  func next() -> Double {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) / Double(1 << 53)
  }
  return (0..<accountCount).map { index in
    let probability = next()
    return AccountScore(
      accountID: "A\(index)", name: "Account \(index)", segment: segments[index % 3], region: "emea",
      accountManager: managers[index % managers.count], arr: 1_000 + next() * 200_000, renewalDate: "2026-10-01",
      daysToRenewal: 70, churnProbability: probability, tier: probability >= 0.6 ? "high" : probability >= 0.3 ? "medium" : "low",
      drivers: ["negative outage sentiment", "voucher seen as insulting", "renewal within 90 days"],
      sentimentOutage: next() * 2 - 1, sentimentOffer: next() * 2 - 1, ticketCount: 3, surveyCount: 1,
      churnIntentCount: 0, nps: 6, csat: 3.5, offer: "voucher_10")
  }
}

/// CPU time of this process in milliseconds (stable when other processes share the cores).
func cpuMilliseconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3
}

func best(_ label: String, _ body: () throws -> Void) rethrows {
  var wall: [Double] = []
  var cpu: [Double] = []
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    let startCPU = cpuMilliseconds()
    try body()
    cpu.append(cpuMilliseconds() - startCPU)
    wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
  }
  print(
    "\(label): wall best \(String(format: "%.1f", wall.min()!)) ms (median \(String(format: "%.1f", wall.sorted()[2]))), "
      + "cpu best \(String(format: "%.1f", cpu.min()!)) ms")
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer {
  if ProcessInfo.processInfo.environment["KEEP_BENCH_DB"] == nil { try? FileManager.default.removeItem(atPath: folder) }
  else { print("kept \(folder)/history.sqlite") }
}
let store = try RunStore(path: folder + "/history.sqlite")
let first = scores(seed: 1)
let second = scores(seed: 2)
let quarantine = (0..<1_000).map { QuarantineEntry(file: "tickets.csv", line: $0 + 2, recordID: "T\($0)", reason: "bad_date", detail: "created_at is not a date", raw: "T\($0),A1,yesterday,body") }
try store.saveRun(RunRecord(asOf: "2026-07-19", startedAt: "2026-07-19T02:00:00Z"), scores: first, quarantine: quarantine)
print("accounts per run: \(accountCount), quarantine rows: \(quarantine.count), sqlite \(String(cString: sqlite3_libversion()))")
try best("save run (replace same as_of)") {
  try store.saveRun(RunRecord(asOf: "2026-07-26", startedAt: "2026-07-26T02:00:00Z"), scores: second, quarantine: quarantine)
}
try best("at-risk, one manager, min 0.3, with deltas") {
  let listing = try store.atRisk(AtRiskQuery(accountManager: "manager 7", minimumProbability: 0.3))
  precondition(!listing.entries.isEmpty)
}
try best("at-risk, all accounts, top 50") {
  let listing = try store.atRisk(AtRiskQuery(limit: 50))
  precondition(listing.entries.count == 50)
}
try best("scores of a run (all rows)") {
  let all = try store.scores(runID: try store.latestRun()!.id!)
  precondition(all.count == accountCount)
}
