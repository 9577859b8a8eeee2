/// The channel a ticket came through.
enum Channel: Int, CaseIterable {
  case email, web, chat, phone

  static let weights: [Double] = [0.40, 0.30, 0.20, 0.10]

  var name: StaticString {
    switch self {
    case .email: return "email"
    case .web: return "web"
    case .chat: return "chat"
    case .phone: return "phone"
    }
  }
}
