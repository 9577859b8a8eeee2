/// The compensation an account was offered after the incident.
///
/// Unknown spellings are kept as `.other(text)` rather than quarantined: rejecting an account for
/// an unfamiliar offer name would also orphan all of its tickets and survey answers.
public enum Offer: Sendable, Hashable, CustomStringConvertible {
  /// No compensation.
  case none
  /// The $10 voucher.
  case voucher10
  /// A credit on the service bill.
  case serviceCredit
  /// Extra service time (an extended subscription).
  case extendedService
  /// An offer name not in the list above, kept as written (trimmed).
  case other(String)

  /// The stable snake_case name (`voucher_10`); `other` gives its text.
  public var description: String {
    switch self {
    case .none: return "none"
    case .voucher10: return "voucher_10"
    case .serviceCredit: return "service_credit"
    case .extendedService: return "extended_service"
    case .other(let text): return text
    }
  }

  /// Reads an offer name: the four canonical names and aliases (`$10 voucher`, `10 USD voucher`, `credit`, `extension`, `n/a`, ...).
  public init(parsing text: String) {
    // The "no value" markers of typed fields that hold no letter or digit: no offer. (Any other
    // name, `クーポン` or `✓`, is an offer kept as written.)
    if ["-", "--", "(blank)"].contains(text.trimmingASCIIWhitespace().lowercased()) {
      self = .none
      return
    }
    var key = [UInt8]()
    for b in text.utf8 {
      switch b {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): key.append(b)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): key.append(b | 0x20)
      default: break
      }
    }
    switch String(decoding: key, as: UTF8.self) {
    case "none", "no", "nooffer", "na", "nil", "null", "nothing", "0", "nan":
      self = .none
    case "voucher10", "10voucher", "voucher", "10usdvoucher", "usd10voucher", "10dollarvoucher",
      "tendollarvoucher", "giftcard10", "10giftcard", "10ubereatsvoucher", "ubereatsvoucher", "apologyvoucher":
      self = .voucher10
    case "servicecredit", "servicecredits", "credit", "credits", "accountcredit", "billingcredit":
      self = .serviceCredit
    case "extendedservice", "extension", "serviceextension", "extendedsubscription", "freeextension",
      "freemonths", "extendedsupport", "extendedlicense":
      self = .extendedService
    default:
      self = .other(text.trimmingASCIIWhitespace())
    }
  }
}

extension String {
  func trimmingASCIIWhitespace() -> String {
    let bytes = Array(utf8)
    var lo = 0
    var hi = bytes.count
    while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 || bytes[lo] == 0x0A || bytes[lo] == 0x0D { lo += 1 }
    while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 || bytes[hi - 1] == 0x0A || bytes[hi - 1] == 0x0D {
      hi -= 1
    }
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }
}
