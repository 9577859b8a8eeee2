// Times the report writers' hot parts: redaction over customer text (MB/s), and rendering the
// at-risk table for the terminal, CSV and JSON. Built by Scripts/bench_report.sh together with
// Sources/AftershockReport in one optimised module. Prints best of 5 (wall and CPU).
import Foundation

func cpuMilliseconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3
}

func best(_ label: String, bytes: Int? = nil, _ body: () -> Void) {
  var wall: [Double] = []
  var cpu: [Double] = []
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    let startCPU = cpuMilliseconds()
    body()
    cpu.append(cpuMilliseconds() - startCPU)
    wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
  }
  var line = "\(label): wall best \(String(format: "%.1f", wall.min()!)) ms, cpu best \(String(format: "%.1f", cpu.min()!)) ms"
  if let bytes { line += String(format: " (%.0f MB/s by cpu)", Double(bytes) / 1e6 / (cpu.min()! / 1e3)) }
  print(line)
}

// Realistic ticket text: mostly prose, some addresses, numbers, dates, money and ids.
let sentences = [
  "After the outage on 2026-07-19 our endpoints were down for 9 hours and the $10 voucher is frankly insulting. ",
  "Please call me back on +44 20 7946 0958 or write to it-ops@northwind.example.com about ticket #48213377. ",
  "We were offered a service credit of 1 250 000 JPY, which is not what our contract (INC-2026-0719-001) says. ",
  "Our renewal is due 30/09/2026; unless this is fixed by 10:30 UTC tomorrow we will evaluate other vendors. ",
  "Ünïcode text — très déçu, 非常に失望しました — with emoji 🙂 and a phone (415) 555-0132 at the end. ",
]
var text: [UInt8] = []
text.reserveCapacity(50_000_000)
var index = 0
while text.count < 50_000_000 {
  text.append(contentsOf: Array(sentences[index % sentences.count].utf8))
  index += 1
}
var output: [UInt8] = []
output.reserveCapacity(text.count)
var counts = Redactor.Counts()
best("redact \(text.count / 1_000_000) MB of ticket text", bytes: text.count) {
  output.removeAll(keepingCapacity: true)
  counts = text.withUnsafeBytes { Redactor.redact($0, into: &output) }
}
print("  replaced \(counts.emails) e-mail addresses and \(counts.phones) phone numbers")

var rows: [[String]] = []
for index in 0..<10_000 {
  let risk: Double = Double(index % 1000) / 1000
  let arr: Int = 1_000 * (index % 500)
  let change: String = index % 3 == 0 ? "new" : "up 7.2"
  var row: [String] = ["Account \(index) GmbH", "Manager \(index % 40)", String(risk), String(arr)]
  row += ["2026-09-30", change, "negative outage sentiment; voucher seen as insulting; renewal within 90 days"]
  rows.append(row)
}
let table = TextTable(
  columns: [
    TextTable.Column("Account", maxWidth: 24), TextTable.Column("Manager", maxWidth: 14),
    TextTable.Column("Risk", display: .percent(decimals: 1)), TextTable.Column("ARR", display: .grouped(decimals: 0)),
    TextTable.Column("Renewal"), TextTable.Column("Change"), TextTable.Column("Drivers"),
  ], rows: rows)
var rendered = 0
best("at-risk table, 10000 rows, terminal 100 columns") { rendered = table.renderTerminal().utf8.count }
best("at-risk table, 10000 rows, CSV") { rendered = table.renderCSV().utf8.count }
best("at-risk table, 10000 rows, JSON lines") { rendered = table.renderJSON(lines: true).utf8.count }
print("  last output \(rendered) bytes")
