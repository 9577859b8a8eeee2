/// The compensation an account received after the outage.
enum Offer: Int, CaseIterable, Sendable {
  case none, voucher10, serviceCredit, extendedService

  /// The value written to `accounts.csv` (README's offer values, under Input formats).
  var name: StaticString {
    switch self {
    case .none: return "none"
    case .voucher10: return "voucher_10"
    case .serviceCredit: return "service_credit"
    case .extendedService: return "extended_service"
    }
  }

  /// How customers name the offer in their texts (`{o}` in the phrase grammar).
  var spokenNames: [StaticString] {
    switch self {
    case .none: return ["compensation"]
    case .voucher10: return ["$10 voucher", "$10 gift card", "ten dollar voucher", "$10 food delivery voucher"]
    case .serviceCredit: return ["service credit", "10% service credit", "credit on our invoice"]
    case .extendedService: return ["extra month of service", "service extension", "free month"]
    }
  }

  /// Mean of the latent offer sentiment before the account's own reaction (logit-like scale).
  var sentimentBase: Double {
    switch self {
    case .none: return -0.45
    case .voucher10: return -0.75
    case .serviceCredit: return 0.45
    case .extendedService: return 0.60
    }
  }

  /// Intercept of the redemption probability (redeemed = logistic(base + 2 × offer sentiment)).
  var redemptionBase: Double {
    switch self {
    case .none: return 0
    case .voucher10: return -0.3
    case .serviceCredit: return 1.6
    case .extendedService: return 1.2
    }
  }
}

/// How an account reacted to its offer, as its texts express it.
enum OfferReaction: Int, CaseIterable, Sendable {
  case none, grateful, indifferent, mixed, insulted, sarcastic

  var name: StaticString {
    switch self {
    case .none: return "none"
    case .grateful: return "grateful"
    case .indifferent: return "indifferent"
    case .mixed: return "mixed"
    case .insulted: return "insulted"
    case .sarcastic: return "sarcastic"
    }
  }
}

/// The stance of one text toward the outage.
enum OutageStance: Int, Sendable {
  case absent, furious, negative, neutral, positive

  var name: StaticString {
    switch self {
    case .absent: return "absent"
    case .furious: return "furious"
    case .negative: return "negative"
    case .neutral: return "neutral"
    case .positive: return "positive"
    }
  }

  /// The stance for a (noisy) outage sentiment in [-1, 1].
  init(sentiment: Double) {
    switch sentiment {
    case ..<(-0.6): self = .furious
    case ..<(-0.2): self = .negative
    case ..<0.25: self = .neutral
    default: self = .positive
    }
  }
}
