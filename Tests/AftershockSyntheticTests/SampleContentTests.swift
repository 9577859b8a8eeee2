import Foundation
import Testing

@testable import AftershockSynthetic

/// The sample's distributions and texts, checked on 3,000 generated accounts.
@Suite struct SampleContentTests {
  @Test func labelShareAndChurnRateAreInTheirDocumentedRanges() throws {
    let sample = try GeneratedSample.load()
    let labelled = sample.accounts.filter { !($0["churned"] ?? "").isEmpty }
    let share = Double(labelled.count) / Double(sample.accounts.count)
    let churnRate = Double(labelled.filter { $0["churned"] == "true" }.count) / Double(labelled.count)
    #expect(share >= 0.40 && share <= 0.55, "labelled share \(share)")
    #expect(churnRate >= 0.10 && churnRate <= 0.25, "churn rate \(churnRate)")
    let meanProbability =
      sample.accountsTruth.reduce(0.0) { $0 + (Double($1["churn_probability"] ?? "") ?? 0) }
      / Double(sample.accountsTruth.count)
    let drawnRate = Double(sample.summary.churnedOutcomeCount) / Double(sample.accounts.count)
    // The drawn outcomes are Bernoulli(p): their rate is within 4 standard errors (~0.026) of mean p.
    #expect(abs(drawnRate - meanProbability) < 0.026, "drawn \(drawnRate) vs mean probability \(meanProbability)")
  }

  @Test func segmentsAndContractSizesFollowTheirDistributions() throws {
    let sample = try GeneratedSample.load()
    let count = Double(sample.accounts.count)
    for segment in Segment.allCases {
      let name = segment.name.description
      let rows = sample.accounts.filter { $0["segment"] == name }
      let share = Double(rows.count) / count
      #expect(abs(share - Segment.weights[segment.rawValue]) < 0.035, "\(name) share \(share)")
      let arrs = rows.compactMap { Double($0["arr"] ?? "") }.sorted()
      let median = arrs[arrs.count / 2]
      #expect(abs(median / segment.medianARR - 1) < 0.15, "\(name) median ARR \(median)")
    }
  }

  /// Observed offer counts per segment against the documented rule's expected counts (4 SE).
  @Test func offerMixFollowsTheDocumentedRule() throws {
    let sample = try GeneratedSample.load()
    for segment in Segment.allCases {
      let rows = sample.accounts.filter { $0["segment"] == segment.name.description }
      var expected = [Double](repeating: 0, count: 4)
      var observed = [Double](repeating: 0, count: 4)
      for row in rows {
        let weights = OfferPolicy.weights(segment: segment, impactHours: Double(row["outage_impact_hours"] ?? "") ?? 0)
        let total = weights.reduce(0, +)
        for index in 0..<4 { expected[index] += weights[index] / total }
        let offer = Offer.allCases.first { $0.name.description == row["offer"] }
        observed[offer?.rawValue ?? 0] += 1
      }
      for index in 0..<4 {
        let p = expected[index] / Double(rows.count)
        let tolerance = 4 * (Double(rows.count) * p * (1 - p)).squareRoot() + 1
        #expect(
          abs(observed[index] - expected[index]) <= tolerance, "\(segment) offer \(index): \(observed) vs \(expected)")
      }
    }
    let vouchers = sample.accounts.filter { $0["offer"] == "voucher_10" }.count
    #expect(vouchers > sample.accounts.count * 2 / 5, "the $10 voucher is the most common offer")
  }

  /// Markers a reader would take as offense or sarcasm about the compensation.
  static let insultMarkers = [
    "insult", "slap in the face", "joke", "seriously?", "sandwich", "doesn't come close", "token gesture",
    "a whole $10", "totally cover", "how thoughtful", "good to know", "speechless", "\"apology\"",
    "fixes everything", "fully refunded", "declined at checkout", "i'm sure it will cover", "i'll split it",
    "migration costs", "does not cover", "not real compensation", "expected more",
  ]

  @Test func voucherAccountsWriteInsultedTextsMoreOftenThanServiceCreditOnes() throws {
    let sample = try GeneratedSample.load()
    var offerOf: [String: String] = [:]
    for account in sample.accounts { offerOf[account["account_id"] ?? ""] = account["offer"] }
    var texts: [String: (all: Int, insulted: Int)] = [:]
    func count(_ text: String, account: String) {
      guard !text.isEmpty, let offer = offerOf[account] else { return }
      let lowered = text.lowercased()
      let insulted = Self.insultMarkers.contains { lowered.contains($0) }
      let current = texts[offer] ?? (0, 0)
      texts[offer] = (current.all + 1, current.insulted + (insulted ? 1 : 0))
    }
    for ticket in sample.tickets { count(ticket["body"] ?? "", account: ticket["account_id"] ?? "") }
    for survey in sample.surveys { count(survey["comment"] ?? "", account: survey["account_id"] ?? "") }
    let voucher = texts["voucher_10"] ?? (1, 0)
    let credit = texts["service_credit"] ?? (1, 0)
    let voucherShare = Double(voucher.insulted) / Double(voucher.all)
    let creditShare = Double(credit.insulted) / Double(credit.all)
    #expect(voucherShare > 2 * creditShare, "voucher \(voucherShare) vs service credit \(creditShare)")
    #expect(voucherShare > 0.25)
  }

  @Test func textsShowTheListedPhenomena() throws {
    let sample = try GeneratedSample.load()
    let texts =
      sample.tickets.compactMap { $0["body"] } + sample.surveys.compactMap { $0["comment"] }.filter { !$0.isEmpty }
    func share(_ predicate: (String) -> Bool) -> Double {
      Double(texts.filter(predicate).count) / Double(texts.count)
    }
    func containsAny(_ needles: [String]) -> (String) -> Bool {
      { text in
        let lowered = text.lowercased()
        return needles.contains { lowered.contains($0) }
      }
    }
    let phenomena: [(String, Double, Double)] = [
      ("negation", share(containsAny(["not ", "n't", "never", "no "])), 0.15),
      ("contrast clause", share(containsAny([", but ", "however", "that said", ", though"])), 0.05),
      ("emoji", share { $0.unicodeScalars.contains { $0.value >= 0x1F300 } }, 0.03),
      ("emoticon", share(containsAny([":)", ":(", ":-)", ":-(", ";)", ":d"])), 0.005),
      (
        "stated intent",
        share(
          containsAny([
            "not renew", "evaluating alternatives", "moving to", "won't be renewing",
            "cancelling at renewal", "switching to", "terminate our contract",
          ])), 0.02
      ),
      (
        "negated intent",
        share(
          containsAny([
            "not cancelling", "not switching", "not going anywhere", "no plans to leave",
            "won't be cancelling", "talking about leaving",
          ])), 0.02
      ),
      ("competitor", share(containsAny(NameBook.competitors.map { $0.description.lowercased() })), 0.02),
      ("ALL CAPS", share { $0.range(of: "[A-Z]{5,} [A-Z]{2,}", options: .regularExpression) != nil }, 0.01),
      ("!!!", share { $0.contains("!!!") }, 0.02),
      ("e-mail", share { $0.range(of: "[a-z.]+@[a-z]+\\.example", options: .regularExpression) != nil }, 0.01),
      ("phone", share { $0.contains("555-01") || $0.contains("7946 0") }, 0.01),
      ("double quote", share { $0.contains("\"") }, 0.03),
      ("newline", share { $0.contains("\n") }, 0.2),
      ("comma", share { $0.contains(",") }, 0.3),
      ("several paragraphs", share { $0.components(separatedBy: "\n\n").count >= 4 }, 0.01),
    ]
    for (name, observed, minimum) in phenomena {
      #expect(observed >= minimum, "\(name): \(observed) of texts, expected at least \(minimum)")
    }
    let lengths = texts.map(\.utf8.count)
    #expect((lengths.min() ?? 0) < 20 && (lengths.max() ?? 0) > 800, "from one word to several paragraphs")
  }

  @Test func textTruthMatchesWhatTheTextSays() throws {
    let sample = try GeneratedSample.load()
    var bodies: [String: String] = [:]
    for ticket in sample.tickets { bodies[ticket["ticket_id"] ?? ""] = ticket["body"] }
    for survey in sample.surveys { bodies[survey["response_id"] ?? ""] = survey["comment"] }
    let stated = sample.textsTruth.filter { $0["churn_intent"] == "stated" }
    #expect(stated.count > 50)
    let cues = [
      "renew", "alternatives", "moving to", "quote from", "notice", "cancelling", "switching to", "piloting",
      "terminate", "not to renew",
    ]
    // Typos may break a cue word, so allow a few misses.
    let withCue = stated.filter { row in
      let text = (bodies[row["text_id"] ?? ""] ?? "").lowercased()
      return cues.contains { text.contains($0) }
    }
    #expect(Double(withCue.count) >= 0.9 * Double(stated.count), "\(withCue.count) of \(stated.count)")
    let sarcastic = sample.textsTruth.filter { $0["sarcastic"] == "true" }
    #expect(sarcastic.allSatisfy { $0["offer_reaction"] == "sarcastic" })
  }

  @Test func surveyScoresFollowTheLatentReactions() throws {
    let sample = try GeneratedSample.load()
    var outageSentiment: [String: Double] = [:]
    for truth in sample.accountsTruth {
      outageSentiment[truth["account_id"] ?? ""] = Double(truth["outage_sentiment"] ?? "")
    }
    var happy: [Double] = []
    var angry: [Double] = []
    for survey in sample.surveys {
      guard let sentiment = outageSentiment[survey["account_id"] ?? ""], let nps = Double(survey["nps"] ?? "") else {
        continue
      }
      if sentiment > 0.3 { happy.append(nps) }
      if sentiment < -0.3 { angry.append(nps) }
    }
    let happyMean = happy.reduce(0, +) / Double(happy.count)
    let angryMean = angry.reduce(0, +) / Double(angry.count)
    #expect(happyMean - angryMean > 1.5, "NPS \(happyMean) (positive about the outage) vs \(angryMean) (negative)")
  }

  @Test func typosHitLettersAtTheRequestedRate() {
    let seed: UInt64 = 17
    var random = SyntheticRandom(seed: seed)
    let original = Array(String(repeating: "the quick brown fox jumps over the lazy dog ", count: 200).utf8)
    var changedPositions = 0
    for _ in 0..<20 {
      var text = original
      TextComposer.applyTypos(to: &text, rate: 0.01, random: &random)
      changedPositions += text.count != original.count ? 1 : (text == original ? 0 : 1)
      #expect(String(validating: text, as: UTF8.self) != nil)
    }
    #expect(changedPositions >= 18, "seed \(seed): a 1% rate over 8,800 bytes changes almost every text")
    var untouched = original
    TextComposer.applyTypos(to: &untouched, rate: 0, random: &random)
    #expect(untouched == original)
  }
}
