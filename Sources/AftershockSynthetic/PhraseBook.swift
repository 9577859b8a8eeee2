/// The phrase grammar's word lists: one list per category of what a customer says.
///
/// Phrases are `StaticString`s appended as bytes. Slots in braces are filled per account:
/// `{h}` outage hours, `{o}` the offer's name, `{c}` a competitor, `{n}` machines hit,
/// `{a}` annual contract value, `{m}` renewal month, `{k}` the company, `{v}` the vendor.
/// Categories are listed in `Data/sample/README.md`.
enum PhraseBook {
  // MARK: Outage reactions, by stance

  static let outageFurious: [StaticString] = [
    "Your update bricked {n} of our machines and we were down for {h} hours.",
    "{h} hours of downtime because of a security agent we pay you to run.",
    "This outage cost us a full day of revenue and nobody at {v} seems to care.",
    "We had to boot every single laptop into safe mode by hand.",
    "Absolutely unacceptable that a security vendor took down our entire fleet.",
    "Our warehouse could not ship a single order for {h} hours.",
    "I have never seen a vendor push an update this broken to production.",
    "We lost {h} hours, two on-call engineers lost their weekend, and our customers noticed.",
    "The blue screens started at 4am and we were still fixing hosts {h} hours later.",
    "This was not a glitch, it was a disaster for {k}.",
  ]

  static let outageNegative: [StaticString] = [
    "The outage hit us pretty hard.",
    "Not happy about the downtime last month.",
    "We lost most of a working day to the boot loops.",
    "The crash was disruptive for our finance team during month-end close.",
    "About {n} endpoints went into a boot loop and needed manual recovery.",
    "We are still cleaning up after the outage.",
    "Recovery took us roughly {h} hours, which is far too long.",
    "I can't say we're thrilled with how the update was tested.",
    "The incident shook our leadership's confidence in {v}.",
    "It was a rough week for our IT team.",
  ]

  static let outageNeutral: [StaticString] = [
    "The outage affected a few of our machines.",
    "We were down for about {h} hours.",
    "It wasn't the worst outage we've dealt with.",
    "Things are back to normal now.",
    "Only a handful of our {n} endpoints needed attention.",
    "The incident was a nuisance rather than a crisis for us.",
    "We followed the published workaround and it worked.",
    "Most of our staff didn't notice anything.",
  ]

  static let outagePositive: [StaticString] = [
    "Honestly the recovery was handled well.",
    "We understand mistakes happen, and the fix guidance was clear.",
    "Not a big deal for us, we were back up within the hour.",
    "Thanks for the quick remediation steps, they saved us a lot of time.",
    "Your engineers were on it fast and kept us informed.",
    "We have been with {v} for years and one bad day doesn't change that.",
    "No complaints about how the incident was resolved.",
    "The root cause write-up was transparent and appreciated.",
  ]

  // MARK: Offer reactions

  static let offerGrateful: [StaticString] = [
    "Thank you for the {o}, it is appreciated.",
    "The {o} was a nice gesture.",
    "Appreciate the {o}.",
    "Good call on the {o}, that goes a long way with our finance team.",
    "We were glad to receive the {o}.",
    "The {o} more than covers our trouble, thank you.",
    "Didn't expect the {o}, that was generous.",
  ]

  static let offerIndifferent: [StaticString] = [
    "We got the {o}. Fine, I guess.",
    "Not sure the {o} changes much either way.",
    "Saw the {o}, no strong feelings about it.",
    "The {o} is whatever, we mostly want stability.",
    "Someone in procurement mentioned the {o}.",
    "The {o} doesn't really matter to us.",
  ]

  static let offerInsultedVoucher: [StaticString] = [
    "A $10 voucher after {h} hours of downtime is an insult.",
    "Ten dollars? Seriously?",
    "The $10 gift card is a slap in the face.",
    "Offering $10 to a customer paying ${a} a year is insulting.",
    "Our team read the $10 voucher email out loud and laughed, then got angry.",
    "Please don't send us a \"thank you\" voucher worth less than a sandwich.",
    "The voucher didn't even work when my colleague tried to redeem it.",
    "$10 does not cover one minute of what this cost us.",
    "The voucher feels like a joke at our expense.",
  ]

  static let offerInsultedOther: [StaticString] = [
    "The {o} doesn't come close to covering our losses.",
    "A {o} is not real compensation for what we went through.",
    "The {o} feels like a token gesture.",
    "We expected more than a {o} for an outage of this size.",
    "The {o} is frankly insulting given the impact.",
  ]

  static let offerNoneComplaint: [StaticString] = [
    "No compensation at all? Not even a service credit?",
    "We haven't been offered anything for the downtime.",
    "Other vendors would at least offer a credit after something like this.",
    "Still waiting to hear what {v} plans to offer affected customers.",
  ]

  static let offerSarcasticVoucher: [StaticString] = [
    "Wow, a whole $10, thanks so much",
    "Great, a $10 voucher. That'll totally cover the overtime",
    "Oh good, $10. I'll split it between the {n} people who worked all night.",
    "So {h} hours of downtime is worth $10. Good to know.",
    "Nothing says sorry like a voucher that gets declined at checkout.",
    "Thanks for the generous $10, we'll put it toward our migration costs.",
    "Ten whole dollars! Our CFO is speechless.",
    "Love the \"apology\" voucher, really captures the scale of the outage.",
  ]

  static let offerSarcasticOther: [StaticString] = [
    "Oh wonderful, a {o}. That fixes everything.",
    "Thanks for the {o}, I'm sure it will cover the overtime.",
    "A {o}, how thoughtful.",
    "Great, a {o}. Our weekend is fully refunded then.",
  ]

  static let offerMixed: [StaticString] = [
    "The {o} is appreciated, but it doesn't undo the downtime.",
    "Thanks for the {o}; however, we expected a bit more for an outage of this size.",
    "Nice gesture with the {o}, though it feels small.",
    "The {o} helps a little, but trust is the real issue.",
    "I'm not ungrateful for the {o}, but it doesn't really matter next to the lost revenue.",
  ]

  // MARK: Connectives that contrast two clauses

  static let contrastConnectives: [StaticString] = [
    ", but ", ". However, ", "; however, ", ". That said, ", ", though ",
  ]

  // MARK: Churn intent, negated intent, competitor mentions

  static let intentStated: [StaticString] = [
    "We will not renew in {m}.",
    "We are evaluating alternatives.",
    "We're moving to {c}.",
    "Our CFO has asked for a quote from {c}.",
    "Consider this our notice: we won't be renewing.",
    "We'll be cancelling at renewal.",
    "Seriously considering switching to {c}.",
    "We are already piloting {c} on a few hundred endpoints.",
    "Please send the paperwork to terminate our contract.",
    "Leadership has decided not to renew with {v}.",
  ]

  static let intentNegated: [StaticString] = [
    "To be clear, we are not cancelling.",
    "No plans to leave, we just want answers.",
    "We're not going anywhere, but this can't happen again.",
    "We are not switching vendors over this.",
    "We won't be cancelling, but we do expect a proper RCA.",
    "Nobody here is talking about leaving {v}.",
  ]

  static let competitorMention: [StaticString] = [
    "{c} reached out the same day, just saying.",
    "Our board asked whether {c} would have done better.",
    "A sales rep from {c} has been calling us all week.",
    "We know {c} had an incident last year too, so we're keeping perspective.",
  ]

  // MARK: Support and communication remarks

  static let supportPositive: [StaticString] = [
    "Your support team was great throughout.",
    "Kudos to the engineer on chat, very patient.",
    "The account team called us proactively, which we appreciated.",
    "Support answered within minutes even at peak.",
    "Communication from {v} was clear and frequent.",
  ]

  static let supportNegative: [StaticString] = [
    "Nobody answered the phone for hours.",
    "The status page said all green while we were down.",
    "Communication was slow and vague.",
    "We opened three tickets and got the same canned reply each time.",
    "Our account manager didn't reach out once.",
    "Support kept asking us to reboot, which was not helpful.",
    "It took two days to get a real human on the line.",
  ]

  // MARK: Requests by ticket topic

  static let requestOutage: [StaticString] = [
    "Can you send the full root cause analysis?",
    "We still have {n} hosts stuck in recovery; please advise.",
    "Please confirm the bad channel file has been pulled everywhere.",
    "Do you have a script for machines with BitLocker enabled?",
    "What are you changing so this can't happen again?",
    "Please escalate this to a senior engineer.",
  ]

  static let requestOffer: [StaticString] = [
    "How do we redeem the {o}?",
    "The voucher code returns an error at checkout.",
    "Please confirm how the {o} will appear on our next invoice.",
    "Can the {o} be applied to our renewal instead?",
    "Who approves compensation beyond the {o}?",
  ]

  static let requestRenewal: [StaticString] = [
    "Who do I talk to about our renewal in {m}?",
    "Please send a renewal quote that reflects what happened.",
    "We need to discuss our contract terms before {m}.",
    "Can we move to a shorter contract term?",
  ]

  static let requestCompensation: [StaticString] = [
    "What compensation is {v} offering affected customers?",
    "Please let us know if any credit applies to our account.",
  ]

  // MARK: Framing

  static let greetings: [StaticString] = [
    "Hi,", "Hello,", "Hi team,", "Hello {v} support,", "To whom it may concern,", "Hey folks,", "Good morning,",
    "Dear support,",
  ]

  static let signOffs: [StaticString] = ["Thanks,", "Regards,", "Best,", "Thank you,", "Cheers,", "Sincerely,"]

  static let contactLines: [StaticString] = [
    "You can reach me at ", "Please reply to ", "Call me back on ", "My direct line and email: ",
  ]

  static let shortComments: [StaticString] = [
    "meh", "Fine.", "No comment.", "ok", "Fix your QA.", "10 bucks lol", "Still here.", "n/a",
  ]

  static let phoneLeadIns: [StaticString] = [
    "Call summary: customer said \"", "Customer called and said \"", "Phone notes: caller said \"",
  ]

  // MARK: Emphasis marks

  static let emojiNegative: [StaticString] = ["😡", "😤", "🤦", ":(", ":-(", ">:(", "👎"]
  static let emojiPositive: [StaticString] = ["👍", "🙏", "🙂", ":)", ":-)", "❤️", ":D"]
  static let emojiSarcastic: [StaticString] = ["🙄", "😂", "🤡", ";)", "🙃", "💸"]

  static let capsShouts: [StaticString] = [
    "UNACCEPTABLE", "NEVER AGAIN", "FIX THIS", "TEN DOLLARS", "WE ARE DONE", "THIS IS A JOKE",
  ]

  // MARK: Ticket subjects, by topic

  static let subjectOutage: [StaticString] = [
    "Outage impact on our endpoints", "Machines stuck in boot loop", "BSOD after sensor update",
    "Need RCA for the July incident", "Recovery help needed", "URGENT: hosts still down", "Incident follow-up",
  ]

  static let subjectOffer: [StaticString] = [
    "Re: your apology voucher", "Voucher code not working", "Question about the {o}", "Compensation for the outage",
    "Re: \"We're sorry\" email", "Service credit request",
  ]

  static let subjectRenewal: [StaticString] = [
    "Renewal in {m}", "Contract renewal question", "Re: renewal quote", "Notice regarding our subscription",
  ]

  static let subjectComplaint: [StaticString] = [
    "Complaint", "Very disappointed", "Feedback on the outage", "Escalation request", "Re: Re: incident",
    "Unacceptable service",
  ]
}
