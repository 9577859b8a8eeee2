/// A customer segment, which sets contract size, plan, tenure, outage impact and offer odds.
enum Segment: Int, CaseIterable, Sendable {
  case enterprise, midMarket, smb

  /// Share of accounts in each segment, in case order.
  static let weights: [Double] = [0.15, 0.35, 0.50]

  /// The value written to `accounts.csv`.
  var name: StaticString {
    switch self {
    case .enterprise: return "enterprise"
    case .midMarket: return "mid_market"
    case .smb: return "smb"
    }
  }

  /// Median annual contract value in dollars (log-normal).
  var medianARR: Double {
    switch self {
    case .enterprise: return 240_000
    case .midMarket: return 48_000
    case .smb: return 7_500
    }
  }

  /// Log-scale spread of annual contract value.
  var arrSigma: Double {
    switch self {
    case .enterprise: return 0.65
    case .midMarket: return 0.60
    case .smb: return 0.75
    }
  }

  /// Mean of the Poisson part of tenure (tenure = 1 + Poisson, in years).
  var extraTenureMean: Double {
    switch self {
    case .enterprise: return 3.0
    case .midMarket: return 2.0
    case .smb: return 1.2
    }
  }

  /// Median outage impact in hours for affected accounts (log-normal).
  var medianImpactHours: Double {
    switch self {
    case .enterprise: return 10
    case .midMarket: return 7
    case .smb: return 5
    }
  }

  /// Plans sold to the segment and their shares.
  var plans: [(plan: Plan, weight: Double)] {
    switch self {
    case .enterprise: return [(.advanced, 0.35), (.elite, 0.65)]
    case .midMarket: return [(.professional, 0.5), (.advanced, 0.5)]
    case .smb: return [(.essentials, 0.6), (.professional, 0.4)]
    }
  }
}

/// A subscription plan, which sets the list price per seat.
enum Plan: Int, Sendable {
  case essentials, professional, advanced, elite

  var name: StaticString {
    switch self {
    case .essentials: return "essentials"
    case .professional: return "professional"
    case .advanced: return "advanced"
    case .elite: return "elite"
    }
  }

  /// Yearly price per seat in dollars.
  var seatPrice: Double {
    switch self {
    case .essentials: return 60
    case .professional: return 95
    case .advanced: return 140
    case .elite: return 190
    }
  }
}

/// A sales region; each has five account managers.
enum Region: Int, CaseIterable, Sendable {
  case northAmerica, emea, apac, latam

  /// Share of accounts in each region, in case order.
  static let weights: [Double] = [0.40, 0.30, 0.20, 0.10]

  var name: StaticString {
    switch self {
    case .northAmerica: return "north_america"
    case .emea: return "emea"
    case .apac: return "apac"
    case .latam: return "latam"
    }
  }
}
