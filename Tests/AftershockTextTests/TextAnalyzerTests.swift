import Testing

@testable import AftershockText

@Suite struct TextAnalyzerTests {
  let analyzer = TextTestSupport.analyzer()
  let lexicon = TextTestSupport.lexicon

  private func compound(_ text: String) -> Double { analyzer.sentiment(text).compound }

  // MARK: Irony about the offer

  /// "Generous" before a small sum in digits is irony (an outside audit found "Thanks for the
  /// generous $10, we'll put it toward our migration costs." quoted as the offer's most positive
  /// line in the leadership report); before a larger sum, or none, it is thanks.
  @Test(arguments: [
    ("Thanks for the generous $10.", false),
    ("Thanks for the generous $10, we'll put it toward our migration costs.", false),
    ("Thanks for the generous 20% discount on the renewal.", true),
    ("Thanks for the generous $50 credit.", true),
    ("We appreciate the generous credit.", true),
  ])
  func generousBeforeASmallSumIsIrony(text: String, praise: Bool) {
    let analysis = analyzer.analyze(text)
    #expect(analysis.aspects.isMentioned(.offer), "\(text)")
    #expect((analysis.aspects[score: .offer] > 0.05) == praise, "\(text): \(analysis.aspects[score: .offer])")
  }

  // MARK: Another language

  /// A text in another language is told from its opening words, most of which no English
  /// lexicon knows (an outside audit saw French scored neutral with a price aspect, without a
  /// word); English keeps most of its words known, names and short texts aside. Off unless asked.
  @Test(arguments: [
    ("Nous allons résilier notre contrat, la panne était inacceptable.", true),
    ("Wir werden kündigen, der Ausfall war eine Katastrophe und der Gutschein ist lächerlich.", true),
    ("El servicio estuvo caído tres días y el cupón de 10 dólares es un insulto.", true),
    ("Il servizio è stato interrotto per due giorni, vogliamo disdire il contratto.", true),
    ("The outage took down every endpoint for nine hours and the voucher is an insult.", false),
    ("Please send the invoice for October to our accounts team.", false),
    ("Jamie Foxx absolutely IS Ray Charles.", false),
    ("Merci beaucoup!", false),
  ])
  func aTextInAnotherLanguageIsMarked(text: String, marked: Bool) {
    let checking = TextTestSupport.analyzer()
    checking.checksLanguage = true
    let analysis = checking.analyze(text)
    #expect(analysis.readsAsAnotherLanguage == marked, "\(analysis.knownLowerCaseWords) of \(analysis.lowerCaseWords)")
    #expect(!analyzer.analyze(text).readsAsAnotherLanguage, "not counted unless asked")
  }

  /// An empty text (whose bytes may have no address at all) is counted as no words.
  @Test func anEmptyTextHasNoLanguageToTell() {
    let checking = TextTestSupport.analyzer()
    checking.checksLanguage = true
    let empty = checking.analyze(utf8: UnsafeRawBufferPointer(start: nil, count: 0))
    #expect(empty.lowerCaseWords == 0 && !empty.readsAsAnotherLanguage)
    #expect(checking.analyze("").lowerCaseWords == 0)
  }

  // MARK: VADER's known failures

  @Test(arguments: ["No problems or complaints.", "Not the worst show I've seen"])
  func negatedNegativesAreNotPositive(text: String) {
    #expect(compound(text) <= 0.05, "\(text): \(compound(text))")
    #expect(compound(text) > -0.05, "an absence of complaints is not a complaint either")
  }

  @Test func negatedMildNegativeIsMildlyPositiveAndNegatedPraiseIsNegative() {
    #expect(compound("I wasn't disappointed.") > 0.05)
    #expect(compound("I wasn't disappointed.") < 0.4)
    #expect(compound("The support was not good.") < -0.05)
    #expect(compound("We never had any large problems with it.") > 0, "window counts content words, not 'any'")
    #expect(compound("It was not only fast but reliable.") > 0.05, "'not only' is not a negation")
    #expect(compound("I don't think you will be disappointed.") > 0, "negation raised from 'think'")
    #expect(compound("I'm not sure a $10 gift card is appropriate.") < -0.05, "negation raised from 'sure'")
    #expect(compound("Not sure why, but it works fine now.") > 0.05, "not past 'but'")
    // "say" raises its negation as "think" does, also when the negator is just past the window
    // (an outside audit found "I wouldn't say the response was good." positive, +0.44).
    #expect(compound("I wouldn't say the response was good.") < -0.05)
    #expect(compound("I can't say the response was good.") < -0.05)
    #expect(compound("I wouldn't say it was bad.") > 0.05)
    #expect(compound("I can't say enough good things about your support.") > 0.05)
    #expect(compound("I have to say the support was great.") > 0.05)
  }

  /// "never" with "so" or "this" before a valence word is emphasis (VADER's `_never_check`), not
  /// negation: an outside audit found "I have never been so disappointed in a vendor." positive.
  @Test(arguments: [
    ("I have never been so disappointed in a vendor.", -1.0), ("I have never been this frustrated.", -1.0),
    ("Never so disappointed.", -1.0), ("I have never been so happy with a vendor.", 1.0),
    ("I was never this impressed by support.", 1.0),
  ])
  func neverSoIsEmphasisNotNegation(text: String, sign: Double) {
    #expect(compound(text) * sign > 0.5, "\(text): \(compound(text))")
  }

  /// "Can't recommend them enough" is praise past words, not praise withheld (it read -0.28);
  /// "can't recommend" alone and "not good enough" stay complaints.
  @Test(arguments: [
    ("I can't recommend them enough.", 1.0), ("I cannot thank your team enough!", 1.0),
    ("Couldn't praise the engineers enough.", 1.0), ("I can't recommend this product.", -1.0),
    ("Not good enough.", -1.0), ("We can't recommend you to our partners after this.", -1.0),
  ])
  func cannotRecommendEnoughIsPraise(text: String, sign: Double) {
    #expect(compound(text) * sign > 0.05, "\(text): \(compound(text))")
  }

  /// "isn't enough" is "not enough" ("The voucher isn't enough." scored 0 where "is not enough"
  /// scored -0.36).
  @Test(arguments: [
    "The voucher isn't enough.", "An apology wasn't enough.", "A credit won't be enough.",
    "The credits aren't enough to cover the downtime.",
  ])
  func aContractedNotEnoughIsNotEnough(text: String) {
    #expect(compound(text) < -0.05, "\(text): \(compound(text))")
  }

  /// A good score that a negated recommendation follows is scorn ("10/10 would not recommend"
  /// read +0.06); a score that agrees with its verdict, or stands before "but", keeps its sign.
  @Test(arguments: [
    ("10/10 would not recommend.", -1.0), ("5 stars, would never recommend.", -1.0),
    ("10/10 wouldn't recommend", -1.0), ("0/10 would not recommend.", -1.0), ("10/10 would recommend.", 1.0),
    ("9/10, would recommend to anyone.", 1.0),
  ])
  func aTopScoreBeforeWouldNotRecommendIsScorn(text: String, sign: Double) {
    #expect(compound(text) * sign > 0.3, "\(text): \(compound(text))")
  }

  /// A good score alone in its sentence beside a negated recommendation is the same scorn
  /// ("Would not recommend. 10/10." read +0.18); beside praise, or after "but", it is praise.
  @Test(arguments: [
    ("Would not recommend. 10/10.", -1.0), ("10/10. Would not recommend.", -1.0),
    ("I would not recommend this vendor to anyone. 10/10.", -1.0), ("Great support. 10/10.", 1.0),
    ("10/10. I can't recommend them enough.", 1.0), ("10/10. But would not recommend.", 1.0),
  ])
  func aTopScoreBesideANegatedRecommendationIsScorn(text: String, sign: Double) {
    #expect(compound(text) * sign > 0.05, "\(text): \(compound(text))")
  }

  /// Thanks promised for what is asked are courtesy, not praise ("I would be grateful if someone
  /// could explain why we were not notified" read +0.46); thanks given stay thanks.
  @Test(arguments: [
    ("I would be grateful if someone could explain why our tenant was not notified.", 0.0),
    ("I would appreciate an explanation of why we were not notified for six hours.", 0.0),
    ("We'd appreciate a proper credit rather than a voucher.", 0.0),
    ("We are grateful for the quick fix, your team was great.", 1.0),
    ("I really appreciate the help your engineer gave us last night.", 1.0),
  ])
  func thanksPromisedInARequestAreNoPraise(text: String, sign: Double) {
    if sign == 0 {
      #expect(compound(text) <= 0.05, "\(text): \(compound(text))")
    } else {
      #expect(compound(text) > 0.3, "\(text): \(compound(text))")
    }
  }

  @Test func aScoreBeforeButKeepsItsOwnSign() {
    let split = compound("9/10 for support, but would not recommend the product.")
    #expect(split < 0)
    // The score still counts for something: the verdict alone is more negative.
    #expect(split > compound("But would not recommend the product."))
  }

  /// "Good luck getting ..." dares what will not happen; "good luck with ..." is a wish.
  @Test func goodLuckGettingIsADare() {
    #expect(compound("Good luck getting anyone on the phone.") < -0.05)
    #expect(compound("Good luck getting us to renew.") < -0.05)
    #expect(compound("Good luck with the migration!") > 0.05)
  }

  @Test func neverWithoutSoStillNegates() {
    #expect(compound("Support was never helpful.") < -0.05)
    #expect(compound("We were never disappointed.") > 0)
  }

  @Test func butShiftsWeightByPositionNotByValue() throws {
    // Equal valences before and after "but": VADER's list.index() can scale the wrong one.
    let bad = try #require(lexicon.valence(of: "bad"))
    let outage = try #require(lexicon.valence(of: "outage"))
    let expected = TextTestSupport.normalize(0.5 * (outage + bad) + 1.5 * bad)
    #expect(abs(compound("The outage was bad but the voucher was bad") - expected) < 1e-6)
    #expect(compound("The update was terrible, but support was great") > 0)
    #expect(compound("Support was great, but the update was terrible") < 0)
  }

  @Test func longDocumentsDoNotSaturate() {
    // Both sentences have one sentiment word, so equal weights in the length-weighted mean, but
    // for the negative one's extra weight (`negativeSentenceWeight`).
    let positive = compound("The voucher is great.")
    let negative = compound("The update was terrible.")
    let mixed =
      String(repeating: "The voucher is great. ", count: 30) + String(repeating: "The update was terrible. ", count: 30)
    let k = TextAnalyzer.negativeSentenceWeight
    #expect(abs(compound(mixed) - (positive + k * negative) / (1 + k)) < 1e-9)
    let longPositive = String(repeating: "The voucher is great. ", count: 200)
    #expect(abs(compound(longPositive) - positive) < 1e-9, "200 equal sentences score as one")
    #expect(analyzer.sentenceSentiments.count == 200)
  }

  @Test func supportRequestWordsAreNotPraise() {
    #expect(
      abs(compound("Please help, our servers are in a boot loop.") - compound("Our servers are in a boot loop.")) < 1e-9
    )
    #expect(compound("Can you send the report? Thanks in advance.") == 0)
    #expect(compound("Thanks, the fix worked.") > 0.05, "thanks outside a request is praise")
    #expect(compound("It looks like the agent is online.") == 0, "'like' as a preposition")
    #expect(compound("I like the new console.") > 0.05)
    #expect(compound("The agent was a great help.") > 0.05)
    #expect(compound("The agent was no help at all.") < -0.05)
    #expect(compound("The patch didn't help.") < -0.05)
  }

  // MARK: Quoted e-mail

  /// A ticket made from an e-mail reply carries the message it answers; its words are not the
  /// customer's. Quoted lines and everything under a reply header are left out.
  @Test func quotedRepliesAreNotTheWritersWords() {
    let own = "Thanks, that fixed it."
    let gmail =
      own + "\n\nOn Mon, Nov 4, 2024 at 10:00 AM Support <support@vendor.com> wrote:\n"
      + "> We are sorry for the terrible outage. This is unacceptable.\n> Regards"
    let analysis = analyzer.analyze(gmail)
    #expect(abs(analysis.sentiment.compound - compound(own)) < 1e-12, "\(analysis.sentiment)")
    #expect(analysis.aspects.mentioned.isEmpty, "neither the quoted outage nor the header's 'Support'")
    #expect(analysis.sentenceCount == 1)
    // The header wrapped over two lines, and the German, French and Spanish forms.
    for header in [
      "On Mon, 4 Nov 2024 at 10:00, Support Team <\nsupport@vendor.com> wrote:",
      "Am Mo., 4. Nov. 2024 um 10:00 Uhr schrieb Support <support@vendor.com>:",
      "Op ma 4 nov 2024 om 10:00 schreef Support <support@vendor.com>:",
      "Le lun. 4 nov. 2024 à 10:00, Support <support@vendor.com> a écrit :",
      "El lun, 4 nov 2024 a las 10:00, Support (<support@vendor.com>) escribió:",
    ] {
      #expect(compound(own + "\n" + header + "\nThe outage was terrible and awful.") == compound(own), "\(header)")
    }
    // A reply below the quote it answers (the header opens the text, quoted lines follow): the
    // writer's words under the quote count; a header with nothing quoted under it still ends them.
    let below = "On Mon, 29 Jul 2024, Support wrote:\n> Is there anything else we can help you with?\n\n" + own
    #expect(abs(compound(below) - compound(own)) < 1e-12)
    #expect(compound("On Mon, 29 Jul 2024, Support wrote:\nThe outage was terrible and awful.") == 0)
    // Outlook's headers, and its older separator.
    #expect(
      compound("Still down, this is awful.\n\nFrom: Vendor Support\nSent: Monday\nSubject: Great news, all fixed!")
        == compound("Still down, this is awful."))
    #expect(
      compound("Still down, this is awful.\n-----Original Message-----\nGreat news, all fixed!")
        == compound("Still down, this is awful."))
    #expect(
      compound("Still down, this is awful.\n---------- Forwarded message ---------\nGreat news, all fixed!")
        == compound("Still down, this is awful."))
    // Outlook's header in other languages, over an English reply.
    for header in [
      "Von: Aegis Support\nGesendet: Montag", "De : Aegis Support\nEnvoyé : lundi", "Van: Aegis\nVerzonden: maandag",
    ] {
      #expect(
        compound("Still down, this is awful.\n\n" + header + "\nGreat news, all fixed!")
          == compound("Still down, this is awful."), "\(header)")
    }
    #expect(compound("Still down.\nDone: nothing. Great news is what we need.") != compound("Still down."))
    // Answers between quoted lines are kept; the quotes are not.
    #expect(
      compound("> Is the agent working now?\nYes, it works great.\n> Any other problem?\nNo.")
        == compound("Yes, it works great.\nNo."))
    #expect(analyzer.analyze("> only a quote, terrible").tokenCount == 0)
    // A help desk's reply marker: the ticket's history is quoted under it.
    for marker in ["##- Please type your reply above this line -##", "-- Reply above this line --"] {
      #expect(
        compound(own + "\n" + marker + "\nAgent: We are sorry for the terrible outage. Great news!") == compound(own),
        "\(marker)")
    }
    #expect(compound(own + "\n## Steps taken\nRebooted twice, still a terrible boot loop.") < 0)
    // A signature under "-- " with its disclaimer ("received in error", "prohibited") is not a complaint.
    #expect(
      compound("Great fix, thanks.\n-- \nJohn Smith, IT\nIf you received this e-mail in error, any use is prohibited.")
        == compound("Great fix, thanks."))
  }

  /// An e-mail's legal disclaimer, set off as a paragraph of its own, is nobody's reaction: its
  /// "privileged" is not praise, and its "please notify the sender" does not make thanks before
  /// it the politeness of a request. A line that only starts as one ("This email is to
  /// confirm...") is the writer's.
  @Test func legalDisclaimersAreNotTheWritersWords() {
    let own = "Hi team, thanks for the quick fix, all our hosts are back."
    for disclaimer in [
      "CONFIDENTIALITY NOTICE: This email and any attachments are confidential and may be privileged. If you are"
        + " not the intended recipient, please notify the sender immediately and delete this email.",
      "This e-mail and any files transmitted with it are confidential and intended solely for the named addressee.",
      "________________________________\nPrivileged and confidential. Please notify the sender if received in error.",
    ] {
      for paragraph in ["\n\n", "\r\n\r\n"] {
        #expect(compound(own + paragraph + disclaimer) == compound(own), "\(disclaimer)")
      }
    }
    // The plea not to print the e-mail: its "please" had made the thanks above a request's politeness.
    #expect(compound(own + "\n\nPlease consider the environment before printing this email.") == compound(own))
    // An inline image's placeholder in a plain-text copy is no sentence of the writer's.
    #expect(compound(own + "\n[cid:image001.png@01D9C1A2.3B4C5D60]") == compound(own))
    #expect(analyzer.analyze(own + "\n[image: logo.png]").sentenceCount == 1)
    // Within a paragraph, or without the words only a disclaimer uses, the line is the writer's.
    let notice = "This email is to confirm we will not renew, the outage was awful."
    #expect(analyzer.analyze(own + "\n\n" + notice).churnIntent)
    let inline = "This email and any attachments are confidential. If you are not the intended recipient, tell us."
    #expect(analyzer.analyze(own + "\n" + inline).sentenceCount == 3)
  }

  /// A mail system's warning that opens a text ("CAUTION: This email originated from outside of
  /// the organization... know the content is safe.") is nobody's reaction: its "safe" made a
  /// complaint read as praise. A text that only starts with such a word is the writer's.
  @Test func externalMailWarningsAreNotTheWritersWords() {
    let own = "Hi, we are still waiting for the credit you promised."
    for banner in [
      "CAUTION: This email originated from outside of the organization. Do not click links or open attachments"
        + " unless you recognize the sender and know the content is safe.\n\n",
      "EXTERNAL EMAIL: This message originated from outside your organization. Do not click links unless you"
        + " recognise the sender.\n",
      "[EXTERNAL] This email originated from outside. Do not open attachments unless you recognize the sender. ",
    ] {
      #expect(compound(banner + own) == compound(own), "\(banner)")
    }
    let warning = "Warning: the update bricked 400 laptops and support never called back. We are done."
    #expect(analyzer.analyze(warning).sentenceCount == 2)
  }

  /// An automatic reply is nobody's reaction: its "limited access" is no complaint and its "thank
  /// you" no praise. A text that only opens like one is the writer's.
  @Test func automaticRepliesAreNotReactions() {
    for reply in [
      "I am currently out of the office with limited access to email. I will respond when I return.",
      "Thank you for your email. I am out of the office until Monday with no access to email.",
      "Automatic reply: Out of Office. I'm away until 3 December; for urgent matters contact the helpdesk.",
    ] {
      let analysis = analyzer.analyze(reply)
      #expect(analysis.sentiment.compound == 0 && analysis.tokenCount == 0, "\(reply)")
    }
    for text in [
      "I am out of the office today, and the outage cost us a week of work. Terrible.",
      "Thank you for your email, but the voucher is insulting and we will not renew.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound < -0.05, "\(text)")
    }
  }

  /// A chat transcript's vendor turns ("Agent: So sorry for the trouble!") are not the customer's
  /// words; without a customer's turn in the text, a line such as "Support: slow" is the writer's.
  @Test func chatTranscriptsScoreTheCustomersTurnsOnly() {
    let customer = "Customer: third agent, third different answer. this is useless.\nCustomer: fine, close it."
    for agent in [
      "Agent: I'm so sorry about that, I completely understand your frustration!",
      "Agent Sarah: Glad to hear it, happy to help!", "Agent (Sentravia): Thanks for your patience, great news!",
      "Agent Sarah Lee: Apologies for the terrible delay.",
    ] {
      let transcript =
        "Customer: third agent, third different answer. this is useless.\n" + agent + "\nCustomer: fine, close it."
      #expect(compound(transcript) == compound(customer), "\(agent)")
    }
    #expect(
      compound("Visitor: all good now.\nAgent: Wonderful, have a great day!") == compound("Visitor: all good now."))
    // A long transcript: agent lines near a customer's turn are the agent's, however many.
    let turns = String(repeating: "Agent: Sorry, terrible delay, we apologise!\nCustomer: ok.\n", count: 2000)
    #expect(compound(turns) == compound(String(repeating: "Customer: ok.\n", count: 2000)))
    // Not a transcript: the writer's own labelled answers.
    #expect(compound("Support: terrible, nobody called back.\nProduct: fine.") < compound("Product: fine.") - 0.1)
    #expect(compound("Support was slow: three days.\nCustomer: me.") < -0.05, "not a turn label")
    #expect(compound("Agent: rude and slow.\nProduct: fine.") < compound("Product: fine.") - 0.1, "a survey's labels")
  }

  /// An e-mail's greeting ("Dear support,") and closing ("Best regards,") are politeness: on a
  /// line of their own in a longer text they are left out, so they neither lift a complaint nor
  /// mention an aspect. Alone, or with more words on the line, they are scored as before.
  @Test func greetingAndClosingLinesAreNotSentiment() {
    let body = "The outage was terrible.\n\nWe lost a full day."
    for (opening, closing) in [
      ("Dear support,", "Best regards,"), ("Hi team,", "Cheers"), ("Good morning,", "Thanks in advance!"),
      ("To whom it may concern,", "Kind regards,"), ("Hello Aegis support,", "Thank you,"),
      ("Hey @support,", "All the best"),
    ] {
      let text = opening + "\n\n" + body + "\n\n" + closing + "\nRobin"
      #expect(compound(text) == compound(body + "\n\nRobin"), "\(text)")
      #expect(analyzer.analyze(text).sentenceCount == 3, "\(text)")
    }
    #expect(compound(body + "\nBest,") < compound(body) + 1e-12)
    // Signed on the closing's line: "Kind regards, Jürgen Maier", "Thanks, Anna".
    #expect(compound(body + "\n\nKind regards, Jürgen Maier") == compound(body))
    #expect(compound(body + "\nThanks, Anna") == compound(body))
    #expect(compound(body + "\n\nRegards, Anna Berg, CISO") == compound(body))
    #expect(compound(body + "\nBest regards, great team") > compound(body), "words after the comma that are not a name")
    #expect(analyzer.analyze("Dear support,\nThe voucher is insulting.").aspects.isMentioned(.support) == false)
    // What is not such a line is scored as before.
    #expect(compound("Thanks!") > 0.05, "a text of thanks alone")
    #expect(
      compound("Hi, all good. The outage was bad.") > compound("The outage was bad."), "the greeting line goes on")
    #expect(compound("Thanks, the fix worked. The outage was bad.") > compound("The outage was bad."))
    #expect(compound("The outage was bad.\nBest support ever, thanks!") > compound("The outage was bad."))
    // A closing hides nothing after it.
    let intent = analyzer.analyze("The outage was bad.\nThanks,\nWe will cancel our contract.")
    #expect(intent.churnIntent)
  }

  // MARK: HTML

  /// Help desks export HTML descriptions and e-mail arrives as HTML: the words between the markup
  /// score as the plain text does, entities included, and a quoted reply in a blockquote is left out.
  @Test func htmlScoresAsItsPlainText() {
    let plain = "The agent didn't help at all. We're not happy. The outage was terrible."
    let html =
      "<html><head><style>p { color: red; } .great { }</style></head><body>"
      + "<p>The agent didn&#39;t help at all.&nbsp;We&rsquo;re <b>not happy</b>.</p>"
      + "<div class=\"x\">The <span style=\"font-weight:bold\">outage</span> was terrible.</div><br/>"
      + "<div class=\"gmail_quote\">On Mon, 4 Nov 2024 at 10:00, Support <support@vendor.com> wrote:<br>"
      + "<blockquote>We are thrilled, everything is great!</blockquote></div></body></html>"
    #expect(abs(compound(html) - compound(plain)) < 1e-12, "\(compound(html)) vs \(compound(plain))")
    let analysis = analyzer.analyze(html)
    #expect(analysis.sentenceCount == 3)
    // Byte ranges stay those of the original text.
    let first = analyzer.sentenceSentiments[0].byteRange
    let bytes = Array(html.utf8)
    #expect(String(decoding: bytes[first], as: UTF8.self) == "The agent didn&#39;t help at all")
    // Outlook writes tags in capitals.
    #expect(
      compound("<P>Terrible outage.</P><BLOCKQUOTE><DIV>Great!</DIV></BLOCKQUOTE>") == compound("Terrible outage."))
  }

  /// A bold or italic label is markup only: an outside audit found `<b>Note:</b> the agent
  /// restarted.` at -0.4767 (the label's colon and `</b>` read as the frown `:<`) where the same
  /// sentence without tags scores 0, and `<strong>Host:</strong>` at +0.05 (the tag's name read
  /// as the word "strong").
  @Test(arguments: [
    ("<b>Note:</b> the agent restarted.", "Note: the agent restarted."),
    ("<p><b>Host:</b> WS-01</p>", "Host: WS-01"),
    ("<i>Host:</i> WS-01", "Host: WS-01"),
    ("<strong>Host:</strong> WS-01", "Host: WS-01"),
    ("<em>Status:</em> resolved, <u>Impact:</u> none", "Status: resolved, Impact: none"),
    ("<p><span style=\"font-weight:bold\">Host:</span>&nbsp;WS-01</p>", "Host: WS-01"),
    ("<div>Host:&#160;WS-01</div>", "Host: WS-01"),
    ("<b>Note:</b> the outage was terrible.", "Note: the outage was terrible."),
    ("<b>Update:</b> all fixed, great work!", "Update: all fixed, great work!"),
  ])
  func boldLabelsScoreAsTheirPlainText(html: String, plain: String) {
    #expect(abs(compound(html) - compound(plain)) < 1e-12, "\(html): \(compound(html)) vs \(compound(plain))")
    #expect(analyzer.analyze(html).sentenceCount == analyzer.analyze(plain).sentenceCount, "\(html)")
  }

  /// Outlook's reply header in an HTML e-mail, as Zendesk, HubSpot and Intercom store tickets:
  /// the vendor's message quoted under "From: ... / Sent: ..." is left out as in plain text,
  /// whether its lines end at `<br>` or `</p>`, its labels are bold, or `&nbsp;` and the source's
  /// own line breaks lie between. An outside audit found the quoted "If you wish to cancel your
  /// contract, we understand." read as the customer's churn intent.
  /// A plain-text reply header with CRLF line endings (Windows mail, many help-desk exports) is
  /// one as with LF: stepping over the CR alone landed on the LF, and the quoted "cancel" read
  /// as the customer's intent.
  @Test func outlookReplyHeaderWithCRLFEndsTheWritersWords() {
    for newline in ["\r\n", "\n", "\r"] {
      let text = [
        "Thanks.", "From: Aegis Support", "Sent: Monday, July 22, 2024 9:14 AM",
        "If you wish to cancel your contract, we understand.",
      ].joined(separator: newline)
      let analysis = analyzer.analyze(text)
      #expect(!analysis.churnIntent, "\(newline.debugDescription)")
      #expect(analysis.sentenceCount == 1, "\(newline.debugDescription)")
    }
  }

  @Test func outlookReplyHeaderInHTMLEndsTheWritersWords() {
    let own = "Thanks for the update."
    let audit =
      "<div>Thanks for the update.</div><div>From: Aegis Support<br>Sent: Monday, July 22, 2024 9:14 AM<br>"
      + "To: Tom<br>Subject: Outage</div><div>If you wish to cancel your contract, we understand.</div>"
    let analysis = analyzer.analyze(audit)
    #expect(!analysis.churnIntent, "the vendor's 'cancel' is quoted")
    #expect(analysis.sentenceCount == 1)
    #expect(abs(analysis.sentiment.compound - compound(own)) < 1e-12, "\(analysis.sentiment)")
    let quoted = "If you wish to cancel your contract, we understand. The outage was terrible."
    for header in [
      "<div><b>From:</b> Aegis Support<br><b>Sent:</b> Monday, July 22, 2024 9:14 AM<br><b>To:</b> Tom</div>",
      "<p>From: Aegis Support</p><p>Sent: Monday, July 22, 2024 9:14 AM</p><p>To: Tom</p>",
      "<p><b>From:</b>&nbsp;Aegis Support &lt;<a href=\"mailto:support@aegis.com\">support@aegis.com</a>&gt;<br>"
        + "<b>Sent:</b>&nbsp;Monday<br></p>",
      "\n<p class=MsoNormal><b><span lang=EN-US>From:</span></b><span lang=EN-US> Aegis Support<br>\n"
        + "<b>Sent:</b> Monday, July 22, 2024 9:14 AM<br>\n</span></p>",
      "<br>\n<b>From:</b> Aegis Support<br>\n<b>Sent:</b> Monday<br>\n",
      "<div>&nbsp;</div><div>From: Aegis Support<br>&nbsp;<br>Sent: Monday</div>",
      "<p><b>Von:</b> Aegis Support<br><b>Gesendet:</b> Montag</p>",
    ] {
      let text = "<p>" + own + "</p>" + header + "<p>" + quoted + "</p>"
      let a = analyzer.analyze(text)
      #expect(!a.churnIntent && a.sentenceCount == 1, "\(header)")
      #expect(abs(a.sentiment.compound - compound(own)) < 1e-12, "\(header): \(a.sentiment)")
    }
    // Only a header: a bold "From:" line with no "Sent:" under it is the writer's.
    let from = analyzer.analyze("<p>Thanks.</p><p><b>From:</b> our CTO</p><p>We will cancel our contract.</p>")
    #expect(from.churnIntent)
    // What a report shows leaves it out too.
    #expect(DisplayText.plain(audit) == "\nThanks for the update.\n")
  }

  /// What a report quotes and an evidence column shows: the text as a reader sees it.
  @Test func displayTextDropsMarkupQuotesAndSignature() {
    #expect(DisplayText.plain("Plain text - as is.") == "Plain text - as is.")
    #expect(
      DisplayText.plain(
        "<p>The agent didn&#39;t help&nbsp;at <b>all</b> &amp; more.</p><blockquote>quoted</blockquote>x")
        == "\nThe agent didn't help at all & more.\n\nx")
    #expect(DisplayText.plain("Thanks!\nOn Mon, 4 Nov 2024, Support <s@x.com> wrote:\n> bad") == "Thanks!\n")
    #expect(DisplayText.plain("> quoted\nmine\n-- \nJohn, disclaimer") == "\nmine\n")
    #expect(DisplayText.plain("&#x1F621; &unknown; &lt;3") == "😡  <3")
    #expect(TextAnalysis.text(of: 3..<23, in: "<p>we&#39;ll cancel now</p>") == "we'll cancel now")
  }

  @Test func textThatOnlyLooksLikeMarkupIsKept() {
    #expect(compound("Write to <support@vendor.com>, they were terrible.") < -0.05)
    #expect(compound("Latency went from <5 ms to >400 ms, awful") < -0.05)
    #expect(analyzer.analyze("I <3 your support").sentiment.compound > 0.05, "an emoticon, not a tag")
    #expect(compound("Tom & Jerry support was great") > 0.05)
  }

  @Test func linesThatOnlyLookLikeHeadersAreKept() {
    for text in [
      "On Friday the outage bricked 400 laptops.", "From: the start this update was a disaster.",
      "Am I the only one furious about this outage?", "Le voucher is an insult.",
      "-- the worst week we ever had", "We know what you wrote: nothing useful, terrible.",
    ] {
      #expect(compound(text) < -0.05, "\(text): \(compound(text))")
    }
  }

  @Test func emphasisFromCapsAndExclamations() {
    #expect(compound("The voucher is INSULTING") < compound("The voucher is insulting"))
    #expect(compound("The voucher is insulting!!!") < compound("The voucher is insulting"))
    #expect(compound("Support was great!!") > compound("Support was great"))
  }

  @Test func idiomsEmojiAndEmoticons() {
    #expect(compound("A $10 voucher is a slap in the face.") < -0.5)
    #expect(compound("The voucher is a joke.") < -0.05, "VADER scores 'joke' +1.2")
    #expect(compound("Restored in an hour 👍") > 0.05)
    #expect(compound("Still down 😡") < -0.05)
    #expect(compound("Still down 🤦🏽‍♂️") < -0.05, "ZWJ/skin-tone variants fall back to the base emoji")
    #expect(compound("Thanks for the update :)") > 0.05)
    #expect(compound("Another outage :(") < compound("Another outage"))
  }

  @Test func handlesAreNotScoredAsWords() {
    #expect(compound("@united") == 0)
    #expect(compound("@great @love thanks for nothing") == compound("thanks for nothing"))
  }

  @Test func labelsAndSharesFollowVaderConventions() {
    let s = analyzer.sentiment("The outage was horrible but support was great.")
    #expect(abs(s.positive + s.neutral + s.negative - 1) < 1e-9)
    #expect(SentimentLabel(compound: 0.05) == .positive)
    #expect(SentimentLabel(compound: -0.049) == .neutral)
    // As written to four decimals: a printed 0.0500 is positive, a printed 0.0499 neutral.
    #expect(SentimentLabel(compound: 0.049996) == .positive)
    #expect(SentimentLabel(compound: -0.049996) == .negative)
    #expect(SentimentLabel(compound: 0.04994) == .neutral)
    #expect(analyzer.sentiment("").compound == 0)
  }

  @Test func perSentenceScoresCoverTheText() {
    let text = "Support was great. The voucher is insulting!"
    _ = analyzer.analyze(text)
    let sentences = analyzer.sentenceSentiments
    #expect(sentences.count == 2)
    #expect(TextAnalysis.text(of: sentences[0].byteRange, in: text) == "Support was great")
    #expect(sentences[0].label == .positive && sentences[1].label == .negative)
  }

  // MARK: Aspects

  @Test func butSplitsAspectsAndBothCanBeNegative() {
    let a = analyzer.analyze("The outage was bad but the voucher is a joke").aspects
    #expect(a.isMentioned(.outage) && a.isMentioned(.offer))
    #expect(a[score: .outage] < -0.05 && a[score: .offer] < -0.05)
    #expect(!a.isMentioned(.support))
  }

  /// A clause that runs on past "but" through a pronoun or a bare judgement weighs its sides as
  /// its sentence does (VADER's "but" rule); a new subject after "but" starts another topic.
  @Test func butWeighsAClauseThatRunsOnAsItsSentenceDoes() {
    for text in [
      "Thanks for the voucher, but it doesn't even cover a coffee.", "The voucher is nice but useless.",
      "Although the voucher was a nice gesture, it doesn't cover our losses.",
    ] {
      #expect(analyzer.analyze(text).aspects[score: .offer] < 0, "\(text)")
    }
    let people = analyzer.analyze("The outage was bad but the people were great.").aspects
    #expect(people[score: .outage] < -0.05)
  }

  /// Love of a bad situation is sarcasm (a positive verb before a negative situation), for the
  /// sentence and its aspects; love of what went well, or of a topic named, is love.
  @Test func lovingABadSituationIsSarcasm() {
    let told = analyzer.analyze("I love how nobody told us anything.")
    #expect(told.sentiment.compound < -0.05 && told.aspects[score: .communication] < -0.05)
    let voucher = analyzer.analyze("I love how the voucher expired before we could use it.")
    #expect(voucher.sentiment.compound < -0.05 && voucher.aspects[score: .offer] < -0.05)
    // The whole sentence is one clause: its aspect reads as the sentence does.
    let bricked = analyzer.analyze("Love that your update bricked 3,000 laptops.")
    #expect(bricked.sentiment.compound < -0.05)
    #expect(abs(bricked.aspects[score: .outage] - bricked.sentiment.compound) < 1e-9)
    #expect(compound("I love how quickly support responded.") > 0.05)
    #expect(compound("I love how you handled the outage.") > 0.05)
    #expect(compound("Great job breaking everything.") < -0.05)
    #expect(compound("Nice work bricking our whole fleet.") < -0.05)
    #expect(compound("Great job fixing everything so fast.") > 0.05)
    #expect(compound("Great job handling the outage.") > 0.05)
    // Praise opening with "that" or "to know" before a bad situation in its clause.
    #expect(compound("Great that nobody bothered to call us.") < -0.05)
    #expect(compound("Great that you fixed it so fast.") > 0.05)
    #expect(compound("Good to know the credit was applied.") > 0.05)
    #expect(compound("Well that is not true.") > -0.3)  // not turned: -0.53 if it were
    #expect(
      compound("Eager to see the snowfall's aftermath, she rigged herself a kind of foul-weather gear.")
        == compound("Eager to see the aftermath, she rigged herself a kind of foul-weather gear."))
    let mixed = analyzer.analyze("I love how support kept us informed, but the voucher is a joke.").aspects
    #expect(mixed[score: .support] > 0.05 && mixed[score: .offer] < -0.05)
  }

  /// A score written as a fraction counts by its share of the scale where it stands as a score;
  /// a date or a part does not ("on 3/10", "3/5 servers").
  @Test func scoresWrittenAsFractionsAreValued() {
    #expect(compound("Support: 0/10.") < -0.5)
    #expect(compound("0/10 would not recommend.") < compound("Would not recommend."))
    #expect(compound("Gave it 10/10!") > 0.5)
    #expect(compound("Honestly a 9/10 response from your team.") > 0.3)
    #expect(compound("Support 2/10, product 9/10.") < compound("Support 8/10, product 9/10."))
    #expect(compound("On 3/10 we restarted the servers.") == 0)
    #expect(compound("3/5 servers restarted.") == 0)
    #expect(compound("The 7/10 release restarted the servers.") == 0)
    // A comment starting right after the score.
    #expect(compound("1/5 the discount is conditional.") < -0.3)
    #expect(abs(compound("5/10")) < 0.1)
  }

  /// A score in words ("2 out of 10", "4.5 stars") counts as the fraction does; things counted
  /// ("3 out of 10 servers", "a 5 star hotel") do not.
  @Test func scoresInWordsAreValued() {
    #expect(compound("I'd give you 2 out of 10 for the outage handling.") < -0.3)
    #expect(compound("Support: 9 out of 10.") > 0.3)
    #expect(compound("I give it 5 stars.") > 0.3)
    #expect(compound("1 star.") < -0.3)
    #expect(compound("Overall 4.5 stars, would buy again.") > compound("Would buy again."))
    #expect(compound("3 out of 10 servers restarted.") == 0)
    #expect(compound("We stayed in a 5 star hotel.") == 0)
  }

  /// A word alone with a question mark ("Honestly?", "Seriously?") asks nothing: the text is no
  /// request, so its thanks are thanks and its words of damage the writer's judgement.
  @Test func aWordAloneWithAQuestionMarkAsksNothing() {
    let fair = "Honestly? This is more than fair. We were down a few hours and now a free month. Thank you."
    #expect(compound(fair) > 0.05)
    #expect(compound(fair) > compound("Can you confirm? This is more than fair. We were down a few hours. Thank you."))
    #expect(analyzer.analyze("Seriously? The update bricked 300 machines.").aspects[score: .outage] < -0.05)
  }

  /// A score is the writer's verdict and weighs more than the sentences around it; a score
  /// the thing would have got ("would be 5 stars if...") is none.
  @Test func aScoreIsTheVerdict() {
    #expect(compound("Rating: 5/5. July was bad.") > 0.05)
    #expect(compound("Rating: 1/5. The agents were friendly.") < -0.05)
    #expect(compound("We used it for 3 years. 5 stars until 19 July. Now we're on ESET. 2 stars.") < -0.05)
    #expect(compound("It would have gotten 5 stars had it worked.") == 0)
    #expect(compound("Would be 5 stars if they stopped pushing updates on Fridays. 4 stars.") > 0.05)
    #expect(
      compound("I would have given it 4 stars but since I can't, I'll give it 5 stars.")
        > compound("I give it 4 stars."))
  }

  /// What the incident cost is damage, not the price; the price of a licence, or a cost judged,
  /// is the price.
  @Test func whatTheIncidentCostIsNotThePrice() {
    #expect(analyzer.analyze("The outage cost us a full day of sales.").aspects.mentioned == [.outage])
    let cover = analyzer.analyze("I appreciate the apology but this doesn't cover the cost.").aspects
    #expect(cover.mentioned == [.offer] && cover[score: .offer] < -0.05)
    #expect(analyzer.analyze("The license cost is too high.").aspects[score: .price] < -0.05)
    #expect(analyzer.analyze("We can no longer justify the cost.").aspects.isMentioned(.price))
  }

  /// What ought to have been done reproaches, with no word of sentiment; a possibility ("could
  /// have") and "should have" as possession do not.
  @Test func whatShouldHaveBeenDoneIsAReproach() {
    let told = analyzer.analyze("You should have told us.")
    #expect(told.sentiment.compound < -0.05 && told.aspects[score: .communication] < -0.05)
    #expect(compound("Should have tested the update before pushing it.") < -0.05)
    #expect(compound("We should have been notified earlier.") < -0.05)
    #expect(compound("It could have happened to anyone.") >= 0)
    #expect(compound("He should have final say over the rollout.") == 0)
    #expect(compound("What should have happened?") == 0)
  }

  /// A word of harm after "should have" is what was not done and ought to have been, and
  /// after "shouldn't have" what was done and ought not to have been: reproaches, not the
  /// mild praise of "not bad". A reassurance, or "have" as possession, keeps "not bad"'s sense.
  @Test func harmThatShouldOrShouldNotHaveBeenIsAReproach() {
    #expect(compound("You should've warned us.") < -0.05)
    #expect(compound("We should have been warned about the update.") < -0.05)
    #expect(compound("You shouldn't have crashed everything.") < -0.05)
    #expect(compound("It should not have failed.") < -0.05)
    #expect(compound("It could have been worse.") > 0.05)
    #expect(compound("That shouldn't be a problem.") > 0.05)
    #expect(compound("You shouldn't have any problems with the new agent.") > 0.05)
  }

  /// A warning before leaving is not praise of a chance; forgiveness is not a complaint about
  /// mistakes.
  @Test func warningsAndForgivenessKeepTheirSense() {
    #expect(compound("I'm giving you guys one more chance.") < -0.05)
    #expect(compound("You're on thin ice.") < -0.05)
    #expect(compound("Honestly, mistakes happen. You handled it well.") > 0.05)
    #expect(compound("This could have happened to anyone.") > 0.05)
    #expect(compound("Leadership is asking why we chose you.") < -0.05)
  }

  /// Absences named as failures, expectations let down (as a counterfactual too) and fixed
  /// reproaches are negative; "could be worse" is mild relief.
  @Test(arguments: [
    "Zero accountability.", "No communication at all.", "I expected more from a company your size.",
    "I would have expected better from a company your size.", "We deserve better.", "Thank you for nothing.",
    "You had one job.",
  ])
  func reproachesWithoutSentimentWordsAreNegative(text: String) {
    #expect(compound(text) < -0.05, "\(text): \(compound(text))")
  }

  /// Thanks in the languages customers write English around are thanks, and politeness in a
  /// request as "thanks" is; praise of a gesture is praise.
  @Test func thanksInOtherLanguagesAndPraiseOfAGesture() {
    #expect(compound("Gracias for the gift card! It makes a difference for the morale of our helpdesk.") > 0.05)
    #expect(compound("Obrigado.") > 0.05)
    #expect(compound("Gracias, please send the RCA today.") == 0)
    #expect(compound("Didn't have to do that.") > 0.05)
    #expect(compound("Shoutout to the support team.") > 0.05)
    #expect(compound("The outage was bad but your response was textbook.") > 0.05)
  }

  @Test func couldBeWorseIsRelief() {
    #expect(compound("It could be worse.") > 0.05)
  }

  /// Being told nothing, or told by the news first, is a complaint about communication.
  @Test(arguments: [
    "Nobody told us anything.", "No one bothered to call us.", "We found out from Twitter.",
    "Our account manager has gone silent.",
  ])
  func beingLeftUninformedIsNegative(text: String) {
    #expect(compound(text) < -0.05, "\(text)")
  }

  @Test func leadingClausesAboutSomethingElseAreNotAttributed() {
    let a = analyzer.analyze("Great product, terrible outage, useless coupon.").aspects
    #expect(a[score: .outage] < -0.5 && a[score: .offer] < -0.3)
  }

  @Test func competitorNamesCarryNoSentiment() {
    #expect(compound("Microsoft Defender for Endpoint is installed on our laptops.") == 0)
  }

  /// One value of -1.5 on VADER's scale, whatever the words' own: -1.5 / sqrt(1.5² + 15).
  @Test(arguments: [
    "We're moving to Microsoft Defender for Endpoint.", "We will not renew.", "Please close our account.",
  ])
  func aStatementOfLeavingIsNegative(text: String) {
    #expect(abs(compound(text) - (-1.5 / (1.5 * 1.5 + 15).squareRoot())) < 1e-6, "\(text)")
  }

  /// The statement's value is the sentence's, not its aspects': the outage's score is what the
  /// clause's words say of it.
  @Test func aStatementOfLeavingLeavesAspectsAlone() {
    let threat = analyzer.analyze("If the outage happens again we will not renew the contract.")
    let plain = analyzer.analyze("If the outage happens again we will look at the contract.")
    #expect(threat.churnIntent && !plain.churnIntent)
    #expect(threat.aspects[score: .outage] == plain.aspects[score: .outage])
    #expect(threat.sentiment.compound < plain.sentiment.compound)
  }

  /// Phrases that overlap make one statement ("stay with you" and "stay with"; "notice of
  /// termination" and "termination of the agreement"); separate ones count apart.
  @Test(arguments: [
    ("We can't stay with you after this.", 1), ("We hereby give notice of termination of the agreement.", 1),
    ("We will cancel and we will not renew.", 2),
  ])
  func overlappingIntentPhrasesAreOneStatement(text: String, statements: Int) {
    #expect(analyzer.analyze(text).churnIntentCount == statements, "\(text)")
  }

  /// VADER reads "po" as "poor" (-2.6); in a ticket it is a purchase order.
  @Test func aPurchaseOrderIsNotPoor() {
    #expect(compound("Attached is the PO for 300 additional seats.") == 0)
  }

  @Test func commaSplitsAspectsWithOppositeSentiment() {
    let a = analyzer.analyze("support was great, the $10 coupon is insulting").aspects
    #expect(a[score: .support] > 0.05)
    #expect(a[score: .offer] < -0.05)
  }

  /// The account team is support; silence and being kept in the loop are communication.
  @Test func accountTeamsAndSilenceNameTheirAspects() {
    let praise = analyzer.analyze("Account team has been proactive, called us twice. Appreciated.").aspects
    #expect(praise[score: .support] > 0.05)
    let silence = analyzer.analyze("The silence from you for three weeks was unacceptable.").aspects
    #expect(silence[score: .communication] < -0.05)
    #expect(analyzer.analyze("Thanks for keeping us in the loop.").aspects.isMentioned(.communication))
  }

  @Test func clausesWithoutAspectContinueThePreviousOne() {
    let a = analyzer.analyze("The outage, which lasted three days, was a nightmare").aspects
    #expect(a[mentions: .outage] == 1)
    #expect(a[score: .outage] < -0.05)
    #expect(a.mentioned == [.outage])
  }

  /// A small amount of money is the offer, charged per something it is the price, and a large
  /// one (a loss, a contract) speaks of neither.
  @Test(arguments: [
    ("They sent us $10.", Aspect.offer), ("Ten bucks, for three days of downtime.", .offer),
    ("A €20 code arrived today.", .offer), ("They gave us 20% off the renewal.", .offer),
    ("We pay $28 per endpoint.", .price), ("They credited us $5 per user, which is fair.", .offer),
    ("$10 does not cover one minute of what this cost us.", .offer), ("Our $15/month add-on is fine.", .price),
  ])
  func smallAmountsAreTheOffer(text: String, aspect: Aspect) {
    let a = analyzer.analyze(text).aspects
    #expect(a.mentioned.contains(aspect), "\(text): \(a.mentioned)")
    #expect(aspect == .price ? !a.isMentioned(.offer) : true, "\(text)")
  }

  @Test(arguments: [
    "We lost $40,000 in sales.", "The outage cost us £340k.", "Our renewal is $2.5m.", "It took 10 hours.",
    "20% of our hosts are down.", "The outage cost us about $80 in lost orders.",
    "The $5 shipping fee for the replacement router is ridiculous.",
  ])
  func largeAmountsAndPlainNumbersAreNotTheOffer(text: String) {
    #expect(!analyzer.analyze(text).aspects.isMentioned(.offer), "\(text)")
  }

  /// A short sentence without an aspect word answers the sentence before it; a longer one has
  /// moved on, and a sentence that names no aspect passes nothing on.
  @Test func aShortReplyContinuesTheAspectOfTheSentenceBefore() {
    let thanked = analyzer.analyze("Credit received. Much appreciated.").aspects
    #expect(thanked[score: .offer] > 0.05 && thanked[mentions: .offer] == 2)
    #expect(analyzer.analyze("The voucher arrived. Not enough.").aspects[score: .offer] < -0.05)
    let moved = analyzer.analyze(
      "The credit arrived. What are you changing so that nothing like this can ever happen to us again?"
    ).aspects
    #expect(moved[score: .offer] == 0)
    let twoOn = analyzer.analyze("The voucher arrived. Fine. Great stuff.").aspects
    #expect(twoOn[score: .offer] == analyzer.analyze("The voucher arrived. Fine.").aspects[score: .offer])
    let elsewhere = analyzer.analyze("We got the credit. Sorry for my angry email yesterday.").aspects
    #expect(elsewhere[score: .offer] == 0)
  }

  /// "Thanks" in a request is politeness, but thanks for the offer are thanks, unless their
  /// own sentence asks.
  /// Refusing the offer, dismissing it or asking about it in disbelief is against it, with no
  /// word of sentiment; missing it, keeping it or asking how to use it is not.
  @Test(arguments: [
    ("An apology letter is not compensation.", true), ("We don't want a gift card, we want answers.", true),
    ("We have not received the voucher yet.", false), ("No credit was applied to the invoice.", false),
    ("Five dollars off is not compensation for a lost day of sales.", true),
    // Not needed, with what is needed instead; not needed alone may decline graciously.
    ("I don't need a gift card, I need reliability.", true),
    ("I don't need a gift card. I need you to answer my ticket.", true),
    ("We don't need the voucher.", false),
    // Dismissed with no negation, "your" offer by a verb opening its clause.
    ("Keep your gift card.", true), ("You can keep your $10 voucher.", true),
    ("Keep your voucher, fix your product.", true), ("Fix the outage and keep your $10.", true),
    ("Please keep the credit on our account until renewal.", false),
    ("Keep your voucher code somewhere safe until the portal opens.", false),
    // Asked in disbelief.
    ("Do you really think $10 makes up for three days of downtime?", true),
    ("What am I supposed to do with a $10 gift card?", true),
    ("Why do I have to open a ticket to get the credit?", true),
    ("Who thought a $10 voucher was appropriate?", true),
    ("How do I redeem the voucher?", false), ("Can you apply the credit to our next invoice?", false),
    ("When is the voucher supposed to arrive?", false), ("Is the credit really applied automatically?", false),
    ("Keep the credit, we want answers.", true), ("You can keep your voucher for a future purchase.", false),
    ("Keep your ten bucks.", true),
    ("You can keep the voucher and donate it to whoever tested that update.", true),
    // "it" for the offer named in the sentence before; another thing preferred to it.
    ("Got your voucher. Keep it.", true), ("A $10 gift card. You can keep it.", true),
    ("Thanks for the voucher, we'll keep it.", false),
    ("Honestly I'd rather have had a phone call than a gift card.", true),
    ("I'd rather have the voucher than nothing.", false),
  ])
  func refusingTheOfferIsNegative(text: String, refused: Bool) {
    let a = analyzer.analyze(text)
    #expect((a.aspects[score: .offer] < -0.05) == refused, "\(text)")
    #expect((a.sentiment.compound < -0.05) == refused, "\(text)")
  }

  /// Declining politely, asking, or saying how the offer should come is not refusing it.
  @Test(arguments: [
    "We don't need the credit, but thank you for offering it.", "Is this not a credit?",
    "We don't want the voucher emailed, please add it to the billing portal.",
    "It isn't the refund that bothers us.",
  ])
  func declinesAndQuestionsAreNotRefusals(text: String) {
    #expect(analyzer.analyze(text).aspects[score: .offer] > -0.1, "\(text)")
  }

  /// Praise in a question is asked about, not given; blame in one still counts.
  @Test func praiseInAQuestionIsNotKept() {
    #expect(compound("Is it safe to turn sensor auto-updates back on now?") == 0)
    #expect(compound("Is the voucher taxable as a benefit in kind?") == 0)
    #expect(analyzer.analyze("Are we eligible for the free month?").aspects[score: .offer] == 0)
    #expect(compound("Why is your support so slow and useless?") < -0.05)
    #expect(compound("Support was great. Can you send the invoice?") > 0.05)
    // Only a sentence that opens as a question asks its praise; a tag question does not.
    #expect(compound("Great job on the fix, can you also send the RCA?") > 0.05)
    #expect(compound("The free month is a nice touch, right?") > 0.05)
    #expect(compound("Hi Marcus, is it safe to turn auto-updates back on?") == 0)
    // A question opened by a negated auxiliary asserts what it asks.
    #expect(compound("Isn't it great that everything was back up within the hour?") > 0.05)
    #expect(compound("Don't you think a $10 voucher is insulting?") < -0.05)
  }

  @Test func aTextThatAsksDescribesItsProblemWithoutJudging() {
    // The words of a fault and the incident as a time or a topic, in a text that asks for
    // information or action, are neutral...
    #expect(compound("Which log files should we collect from the hosts that crashed?") == 0)
    #expect(
      compound("How do I pull the audit logs for the outage window (3-5 March)? We need them for compliance.") == 0)
    #expect(compound("During the outage we switched to the backup server manually. How do we switch back?") == 0)
    #expect(compound("Is there an API endpoint to list the devices that received the faulty update on 19 July?") == 0)
    #expect(compound("Our golden image had the bad file. Do we just rebuild the image and recompose?") == 0)
    // "bad" naming the fault in the question itself is no complaint put as a question.
    #expect(compound("Which hosts received the bad content update?") == 0)
    #expect(compound("Why did you ship a bad update?") < -0.05)
    #expect(compound("Logs attached. Ticket ref 61702 if that helps.") == 0)
    // "you" asked to do something is addressed, not blamed.
    #expect(compound("Could you confirm the exact UTC window during which the faulty update was distributed?") == 0)
    #expect(compound("Your faulty update crashed our hosts. Could you confirm the window?") < -0.05)
    // ...and keep their weight when the writer blames, complains in the question, or does not ask.
    #expect(compound("Your update crashed 400 machines. Where are the logs?") < -0.05)
    #expect(compound("Your update crashed 400 machines. How is that acceptable?") < -0.05)
    #expect(compound("The fix failed on every server. Why did nobody test it?") < -0.05)
    #expect(compound("The fix failed on every server. Are you kidding me?") < -0.05)
    #expect(compound("Our account manager hasn't returned a single call since the outage.") < -0.05)
    #expect(compound("Our hosts are stuck in a boot loop. Can someone call me?") < -0.05)
    // A judging word is never silenced.
    #expect(compound("Support during the outage was terrible. Can we get a call with your manager?") < -0.05)
  }

  @Test func supportPraisedForItsSpeedAndMannerAndOpeningThanksArePositive() {
    #expect(compound("Fast response, polite and knowledgeable engineer.") > 0.05)
    #expect(compound("Credit where it's due: the response was fast and the fix worked first time.") > 0.05)
    #expect(compound("Thank you all. I know your people worked through the weekend too.") > 0.05)
    // Help given, told after the fact, is praise; none given is a complaint.
    #expect(analyzer.analyze("The free month genuinely helped.").aspects[score: .offer] > 0.05)
    #expect(compound("Nothing helped.") < -0.05)
    // Speed asked for, a quick question and a closing thanks after a statement stay neutral.
    #expect(compound("Quick question: can you quickly check the logs?") == 0)
    #expect(compound("The patch is installed on all hosts. Thanks!") == 0)
    #expect(compound("Thanks. Can you reset the MFA for j.okafor?") == 0)
  }

  @Test func aSignOfIronyMakesANeutralOfferNegative() {
    #expect(analyzer.analyze("A whopping 5% off.").aspects[score: .offer] < -0.05)
  }

  /// A closing line right after the offer thanks for it; after anything else it is a sign-off.
  @Test func aClosingAfterTheOfferThanksForIt() {
    #expect(analyzer.analyze("Got the voucher. Thanks!").aspects[score: .offer] > 0.05)
    #expect(compound("The patch is installed on all hosts. Thanks!") == 0)
    #expect(analyzer.analyze("The voucher arrived. Cheers.").aspects[score: .offer] == 0)
  }

  @Test func thanksForTheOfferCountInARequest() {
    #expect(compound("Thank you for the service credit. How do we apply it to the next invoice?") > 0.05)
    #expect(compound("Thanks. How do we apply the patch to the next build?") == 0)
    #expect(compound("Please confirm the refund has been issued, thank you.") == 0)
  }

  /// Praise of the offer in a text that says it means the opposite is read as meant, and said
  /// of the offer; the same praise without those signs stays praise.
  @Test(arguments: [
    "Wow, a whole ten dollars. Truly moved.", "Thanks for the voucher 🙃", "lol the \"compensation\"",
    "Oh great, a voucher.", "Ah yes, a gift card. Very generous.", "Thanks for the 'generous' voucher.",
    "Thanks for the 'generous' credit, really covers the 6 hours we were down.",
    // Laughter at the offer, with no other praise, in a text that asks nothing.
    "A $10 gift card lol", "lol $10", "LOL 10 dollars", "$10 voucher, lmao.",
    "lol the apology gift was a branded water bottle",
  ])
  func ironicPraiseOfTheOfferIsNegative(text: String) {
    let analysis = analyzer.analyze(text)
    #expect(analysis.aspects[score: .offer] < -0.05, "\(text)")
    #expect(analysis.sentiment.compound < -0.05, "\(text)")
  }

  @Test(arguments: [
    "Thanks for the voucher, very generous of you.", "Thanks for the $10 voucher lol, the team loved it.",
    "Thanks for the voucher. It was a whole day of downtime for us, but we appreciate it.",
    "Support was great 🙃 and the voucher was a joke.", "Wow, the outage was bad. The 20% discount is fair though.",
    "Oh well, stuff happens. Thanks for the $10 credit.", "Ah yes, I remember now. Thanks for the credit.",
    "The 'Thank you for your patience' email came with a $10 credit, which we appreciated.",
    "Thanks for the generous $50 credit.", "The grand total of $40 in credits was applied, thanks.",
  ])
  func praiseWithoutSignsOfIronyIsNotFlipped(text: String) {
    let plain = TextTestSupport.analyzer().analyze(text)
    #expect(plain.aspects[score: .offer] > 0.05 || plain.aspects[score: .support] > 0.05, "\(text)")
  }

  /// "hand" is the word, not VADER's chat acronym for "have a nice day" (+2.2): work done by hand
  /// during the outage is no praise of it (an outside audit found 659 tickets a reader called
  /// furious scored positive for it).
  @Test func handIsNoPraise() {
    #expect(compound("We had to reboot every single laptop by hand.") <= 0)
    #expect(analyzer.analyze("We had to reboot every single laptop by hand.").aspects[score: .outage] <= 0)
    #expect(compound("On the other hand, support was slow.") < -0.05)
  }

  /// Praise that opens a sentence as a clause of its own is mock delight when the rest complains
  /// or goes on with "another"; praise alone as a sentence, next to a complaint (past other
  /// praise alone), is too; so is praise echoed after "just", with no complaint at all.
  @Test(arguments: [
    "Great, another update that bricks our fleet.", "Great job, another outage.", "Oh good, another survey.",
    "Wonderful, now the console is down too and nobody answers the phone.",
    "We were down for two days because of your update. Great.",
    "Brilliant. Our whole fleet crashed and we got lunch money.",
    "Great, just great.", "Oh great, just great. Another outage.", "Great. Just great.",
    "Oh wonderful. Just WONDERFUL!",
    "Great. Wonderful. The console is down again.", "Great. Just great. The scanner is down again.",
  ])
  func mockPraiseIsNegative(text: String) {
    #expect(compound(text) < -0.05, "\(text): \(compound(text))")
  }

  @Test(arguments: [
    "great, all 12 machines are back. appreciate it", "great, case closed, appreciate the quick turnaround",
    "The fix worked and support was quick. Great.", "Great, the console is back up.",
    "Great. Thanks for the quick fix.", "Sincerely, Ann", "Great support, awful communication, good price.",
    "Perfect, simply perfect.", "Great! Awesome! Love the new console.", "Great, just great service as always.",
  ])
  func praiseThatIsMeantIsKept(text: String) {
    #expect(compound(text) > 0.05, "\(text): \(compound(text))")
  }

  /// A stretch of time waited, spent or taken is a complaint after an outage; a short one, one in
  /// the present, or minutes short of half an hour are not.
  @Test(arguments: [
    "It took five days.", "hey, any update on the refund?? its been 3 weeks", "Took us over a week to recover.",
    "I spent 30 hours over the weekend fixing laptops.", "We waited a full day for a callback.",
    "It took 78 minutes to pull the update.",
  ])
  func elapsedTimeIsAComplaint(text: String) {
    #expect(compound(text) < -0.05, "\(text): \(compound(text))")
  }

  @Test(arguments: [
    "The credit takes a day to appear.", "Claiming it took 2 minutes.", "It took less than a day.",
    "It took a few minutes.",
  ])
  func shortOrPresentStretchesAreNoComplaint(text: String) {
    #expect(compound(text) > -0.05, "\(text): \(compound(text))")
  }

  /// A clause opened by a concessive word weighs as the part before "but" does.
  @Test func aConcessionWeighsLessThanTheMainClause() {
    #expect(
      compound("Even though the outage was bad, support was great.")
        == compound("The outage was bad, but support was great."))
    #expect(compound("Although support was great, the outage was bad.") < -0.05)
  }

  /// Thanks for harm are sarcasm; thanks for help, or for looking into the harm, are thanks.
  @Test func thanksForHarmAreSarcasm() {
    #expect(compound("Wow, thanks a lot for ruining our weekend.") < -0.05)
    #expect(compound("Thanks for the outage.") < -0.05)
    // The sentence's one clause, and the aspect it names, are against the outage too.
    let outage = analyzer.analyze("Thanks for the outage.")
    #expect(abs(outage.aspects[score: .outage] - outage.sentiment.compound) < 1e-9)
    #expect(compound("Thanks for the quick fix.") > 0.05)
    #expect(compound("Thanks for looking into the outage.") > -0.05)
    // A number or an unknown word after "for" has no valence to read (the AddressSanitizer run).
    #expect(compound("Thanks for 3 quick fixes.") > 0.05)
    #expect(compound("Thanks for Zorbulon.") > 0.05)
  }

  /// An offer named alone and then set against the damage ("X. For Y.") is scorned; a sentence
  /// opening with "for" that names no loss, or praises, is not.
  @Test func theOfferSetAgainstTheDamageIsScorned() {
    let scorned = analyzer.analyze("A $10 gift card. For two days of downtime across 800 machines.")
    #expect(scorned.sentiment.compound < -0.05 && scorned.aspects[score: .offer] < -0.05)
    #expect(analyzer.analyze("FIVE EUROS. FOR 300 MACHINES DOWN.").aspects[score: .offer] < -0.05)
    #expect(analyzer.analyze("Thanks for the voucher. For the record, we were fine.").aspects[score: .offer] > 0.05)
    #expect(
      analyzer.analyze("Got a gift card. For what it's worth, the 3 engineers loved it.").aspects[score: .offer] >= 0)
  }

  /// Sarcasm the sentence-tone rules find (thanks for harm, praise of a bad situation, mock
  /// delight) makes the text's praise of the offer ironic too; a field and its value
  /// ("Confidence: shaken.") and surprise ("Wow, the outage was bad.") are no sarcasm.
  @Test(arguments: [
    "Thanks for the outage, great voucher.",
    "Great job crashing every machine we own. Love the $10 coupon.",
    "Thanks for bricking our fleet and offering a $10 gift card.",
    "Great, another outage and a $10 voucher to make up for it.",
  ])
  func sarcasmMakesPraiseOfTheOfferIronic(text: String) {
    #expect(analyzer.analyze(text).aspects[score: .offer] < -0.05, "\(text)")
  }

  @Test func aFieldAndItsValueOrSurpriseIsNoSarcasm() {
    #expect(analyzer.analyze("Offer: acceptable. Confidence: shaken.").aspects[score: .offer] > 0.05)
    #expect(analyzer.analyze("Thanks for the $20 credit, the outage was painful.").aspects[score: .offer] > 0.05)
  }

  /// Praise of a token amount set against the harm done, in its clause, is sarcasm; set against
  /// the incident named as a thing ("after the outage", "for 2 hours of downtime", "after
  /// Tuesday's mess") it is thanks.
  @Test func praiseOfATokenAmountAgainstHarmIsSarcasm() {
    for text in [
      "Really appreciate the $10 after you took down 400 endpoints.",
      "So glad we got a $10 voucher for losing a day of revenue.",
    ] {
      let analysis = analyzer.analyze(text)
      #expect(analysis.sentiment.compound < -0.05 && analysis.aspects[score: .offer] < -0.05, "\(text)")
    }
    for text in [
      "Thanks for the $10 voucher after the outage, much appreciated.",
      "Appreciate the $25 credit for 2 hours of downtime.",
      "Thanks for the £20 voucher after Tuesday's mess.",
      "Great support, and thanks for the $10 credit after a rough week.",
    ] {
      #expect(analyzer.analyze(text).aspects[score: .offer] > 0, "\(text)")
    }
  }

  /// "To make up for" a loss praises amends; negated, asked about, said to fall short, or
  /// intensified before a quantified loss (sarcasm, which turns the text's praise of the offer
  /// too), it does not.
  @Test func makingUpForALossIsJudgedByWhatSurroundsIt() {
    for text in [
      "The free month made up for it.",
      "The credit more than makes up for the trouble.",
      "The credit really made up for it, thanks!",
      "The free year really made up for the outage.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound > 0.05, "\(text)")
    }
    for text in [
      "The gift card really made up for thinking we'd been hit by ransomware for six hours.",
      "Thanks for the $10 Uber Eats voucher, really makes up for the 12 hours of downtime.",
      "Oh wow, a free month. That almost makes up for the three weeks we spent re-imaging.",
      "A $10 voucher doesn't make up for 12 hours of downtime.",
      "How does $10 make up for a day of downtime?",
    ] {
      #expect(analyzer.analyze(text).aspects[score: .offer] < -0.05, "\(text)")
    }
    // A purpose judges nothing: the mock delight before it still turns the offer.
    #expect(
      analyzer.analyze("Great, another outage and a $10 voucher to make up for it.").aspects[score: .offer] < -0.05)
    // Negated, the intensifier is no sarcasm: the negation alone turns the praise.
    #expect(analyzer.analyze("It doesn't really make up for the 12 hours of downtime.").sentiment.compound < -0.05)
    // Movie-review English: "what it lacks in X it makes up for in Y" praises Y, and names no offer.
    let review = analyzer.analyze("What it lacks in originality it makes up for in heart.")
    #expect(review.sentiment.compound > 0.05)
    #expect(review.aspects.mentioned.isEmpty)
  }

  /// "That's it?" and "Is that all?" after the offer is disappointment with it; "That" opening a
  /// verb carries the sentence before's aspect as "it" does.
  @Test func askingWhetherThatIsAllIsDisappointment() {
    for text in ["A $10 Uber Eats gift card. That's it?", "We got a 5% credit. Is that all?"] {
      #expect(analyzer.analyze(text).aspects[score: .offer] < -0.05, "\(text)")
    }
    #expect(analyzer.analyze("That's it.").sentiment.compound == 0)
    let carried = analyzer.analyze(
      "Your support agent told me the $15 credit was the maximum available. That is unacceptable.")
    #expect(carried.aspects[score: .offer] < -0.05)
    #expect(analyzer.analyze("Nothing says sorry like a $10 voucher.").aspects[score: .offer] < -0.05)
    #expect(analyzer.analyze("That is not how you treat a customer of 8 years.").sentiment.compound < -0.05)
  }

  /// The offer set beside the loss is judged by it: named after harm in the same sentence, as a
  /// fragment after the amount alone, with praise alone after the amount alone (sarcasm), or by
  /// what it will not even buy.
  @Test(arguments: [
    "We lost a full day of sales and you offer us ten dollars.",
    "imagine bricking 8.5 million machines and sending a $10 uber eats voucher",
    "Ten bucks. For a weekend of my life.",
    "A $10 voucher. How generous.",
    "$10 gift card. Just great.",
    "Wow, $10. How generous.",
    "Gee thanks, $10.",
    "$10? That won't even buy lunch.",
    "The audacity of a $10 gift card.",
  ])
  func theOfferSetBesideTheLossIsScorned(text: String) {
    #expect(analyzer.analyze(text).aspects[score: .offer] < -0.05, "\(text)")
  }

  @Test func praiseAfterAnAmountWithAVerbIsThanks() {
    #expect(analyzer.analyze("Got a $50 credit. Very generous.").aspects[score: .offer] > 0.05)
    #expect(analyzer.analyze("They sent flowers. How nice.").sentiment.compound > 0.05)
    // A large amount lost is no offer.
    #expect(!analyzer.analyze("We lost a day of sales and $40,000 in orders.").aspects.isMentioned(.offer))
  }

  /// The incident named as the time of outright praise is no complaint, and the praise is not
  /// said of it; without praise, or across a contrast, it keeps its weight.
  @Test func theIncidentAsTheTimeOfPraiseIsNoComplaint() {
    for text in [
      "Communication during the outage was clear and frequent. Thank you.",
      "Your team was great during the outage.",
      "Support during the incident was excellent.",
    ] {
      let analysis = analyzer.analyze(text)
      #expect(analysis.sentiment.compound > 0.05, "\(text)")
      #expect(analysis.aspects[score: .outage] == 0, "\(text)")
    }
    #expect(analyzer.analyze("We lost a day of work during the outage.").sentiment.compound < -0.05)
    let contrast = analyzer.analyze(
      "We were glad to receive the 10% service credit; however, we are still cleaning up after the outage.")
    #expect(contrast.sentiment.compound < -0.05)
    #expect(contrast.aspects[score: .outage] < -0.05)
  }

  /// A subject set off from its predicate by an aside gets the predicate's judgement, whatever
  /// aspect the predicate names itself; after a colon, what follows is not its predicate.
  @Test func aSubjectBeforeAnAsideGetsItsPredicate() {
    for text in [
      "Support team (esp. Priya) was excellent during the incident.",
      "Support team, especially Priya, was excellent during the incident.",
    ] {
      let analysis = analyzer.analyze(text)
      #expect(analysis.aspects[score: .support] > 0.05, "\(text)")
      #expect(analysis.aspects[score: .outage] == 0, "\(text)")
    }
    let credit = analyzer.analyze("The credit, honestly, is less than one hour of downtime.")
    #expect(credit.aspects[score: .offer] < -0.05)
    let question = analyzer.analyze(
      "Question about the service credits: are they calculated on the annual contract value?")
    #expect(question.aspects[score: .offer] == 0)
  }

  /// A verb with no subject after "but" goes on about the clause before it; a judged update is
  /// the incident, beside the aspect judged before it.
  @Test func aVerbAfterButContinuesTheClause() {
    let agent = analyzer.analyze("The agent was polite but couldn't answer anything.")
    #expect(agent.aspects[score: .support] < -0.05)
    let update = analyzer.analyze("good support, terrible update")
    #expect(update.aspects[score: .support] > 0.05)
    #expect(update.aspects[score: .outage] < -0.05)
    // A new subject after "but" is about something else.
    let people = analyzer.analyze("The outage was bad but the people were great.")
    #expect(people.aspects[score: .outage] < -0.05)
  }

  /// What the writer could not do over a stretch of time is harm, as are machines that do not
  /// start and a stretch asked about with "why"; a plan in the present, a short stretch or a
  /// plain question is not.
  @Test(arguments: [
    "We couldn't print prescriptions for 2 days.", "We were unable to process payments for 6 hours.",
    "We could not take orders all weekend.", "Nobody could work for two days.",
    "Our hospital ran on paper for 14 hours.", "We still have three kiosks that won't boot.",
    "Why did it take 14 hours to get an update?", "It took you 3 days to reply.",
  ])
  func anAbilityDeniedOverAStretchIsHarm(text: String) {
    #expect(analyzer.analyze(text).sentiment.compound < -0.05, "\(text)")
  }

  @Test func aPlanOrAShortStretchIsNoHarm() {
    for text in [
      "I will be unable to attend for two weeks.", "We couldn't wait for 5 minutes.",
      "Does it take 2 hours to reimage a laptop?",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound == 0, "\(text)")
    }
  }

  /// What is still missing, calls not returned, replies that repeat themselves or are canned or
  /// evasive are complaints about the aspect they name; a technical question about a timeout is
  /// not.
  @Test func stillMissingAndRepeatedRepliesAreComplaints() {
    #expect(analyzer.analyze("We still haven't received the postmortem.").aspects[score: .communication] < -0.05)
    #expect(analyzer.analyze("Support kept sending us the same KB link.").aspects[score: .support] < -0.05)
    #expect(analyzer.analyze("Our account rep has not returned a single call.").aspects[score: .support] < -0.05)
    #expect(
      analyzer.analyze("We opened three tickets and got the same canned reply each time.").aspects[score: .support]
        < -0.05)
    #expect(analyzer.analyze("The RCA reads like it was written by lawyers.").sentiment.compound < -0.05)
    #expect(
      analyzer.analyze("still no response.").sentiment.compound
        < analyzer.analyze("still no root cause.").sentiment.compound)
    #expect(
      analyzer.analyze("The export keeps timing out at ~80%. Is it pulling too many rows at once?").sentiment.compound
        == 0)
  }

  /// A contract with a third party that sells or runs the service ends without the vendor's.
  @Test func aContractWithAThirdPartyIsNotLeaving() {
    for text in [
      "We will not extend our contract with the reseller; we'll buy direct from Aegis.",
      "We're cancelling our contract with the MSP that manages Aegis for us; we'll run it in-house.",
    ] {
      #expect(!analyzer.analyze(text).churnIntent, "\(text)")
    }
    for text in ["We will not extend our contract with you.", "We are cancelling our contract."] {
      #expect(analyzer.analyze(text).churnIntent, "\(text)")
    }
  }

  /// "Pull the plug" is leaving when nothing or the vendor follows, not when machines do; so is
  /// "pulling the plug", though "pulling" alone needs the service named ("pulling Aegis").
  @Test func pullingThePlugOnMachinesIsNotLeaving() {
    for text in [
      "We will pull the plug.", "We will pull the plug on Aegis.", "We'll pull the plug on the contract.",
      "We're pulling the plug.", "Pulling the plug on Aegis at renewal.",
    ] {
      #expect(analyzer.analyze(text).churnIntent, "\(text)")
    }
    for text in [
      "We had to pull the plug on 300 machines to stop the boot loop.",
      "We'd like to pull the plug on the pilot of the new console.",
      "We're pulling the plug on 300 machines tonight for patching.", "We're not pulling the plug.",
    ] {
      #expect(!analyzer.analyze(text).churnIntent, "\(text)")
    }
  }

  /// A short denial after a sentence that reports what was said or promised says it did not
  /// come about: a complaint, against what the promise was about; without the report it is not.
  @Test func aPromiseDeniedIsAComplaint() {
    let credit = analyzer.analyze("You said the credit would be applied automatically. It wasn't.")
    #expect(credit.sentiment.compound < -0.05 && credit.aspects[score: .offer] < -0.05)
    let callback = analyzer.analyze("Support promised a call back within the hour. Never happened.")
    #expect(callback.sentiment.compound < -0.05 && callback.aspects[score: .support] < -0.05)
    #expect(analyzer.analyze("We were told the fix would be out by Monday. It wasn't.").sentiment.compound < -0.05)
    for text in ["We rebooted every host on Friday. It wasn't.", "The credit came on Friday. Never happened before."] {
      #expect(analyzer.analyze(text).sentiment.compound > -0.05, "\(text)")
    }
  }

  /// "Credit" is the offer, but a phrase of aspects.txt's `none` kind takes a word's aspect back:
  /// a payment card and the idiom of praise name no offer, and the praise after the idiom is not
  /// said of one; a credit beside them still is.
  @Test func aCreditCardAndCreditWhereDueAreNoOffer() {
    let card = analyzer.analyze("I paid with my credit card and it was charged twice.")
    #expect(card.aspects[mentions: .offer] == 0)
    let idiom = analyzer.analyze("Credit where it's due: the response was fast and the fix worked first time.")
    #expect(idiom.aspects[mentions: .offer] == 0 && idiom.sentiment.compound > 0.5)
    let credit = analyzer.analyze("Credit where credit is due, the engineers were amazing.")
    #expect(credit.aspects[mentions: .offer] == 0 && credit.aspects[score: .support] > 0.05)
    let both = analyzer.analyze("The $10 credit is an insult, and it went to our credit card.")
    #expect(both.aspects[score: .offer] < -0.05)
    // "It's" opening a reply still stands for the offer named before, as it did while unknown.
    let reply = analyzer.analyze("Appreciate the gesture. It's not nearly enough, but I do appreciate it.")
    #expect(reply.aspects[mentions: .offer] == 2)
  }

  /// Words VADER praises that, in these turns of phrase, praise nothing: a challenge ("convince
  /// me why"), a warning ("one chance left"), a forced hand ("no choice but to"), advice against
  /// ("recommend we don't"), grudging thanks ("thanks I guess"), timing found suspect
  /// ("interesting timing") and "kind" as a sort.
  @Test func challengesWarningsAndAdviceAgainstAreNoPraise() {
    for text in [
      "Convince me why we should renew.",
      "Nimbusly, you have one chance left with us.",
      "We had no choice but to cancel.",
      "Another incident of this kind would leave us no choice but to seek alternatives.",
      "I will recommend we don't renew.",
      "I'd recommend against this unit.",
      "A coffee voucher. Thanks I guess.",
      "The voucher arrived on the same day as our renewal quote with a 9% uplift. Interesting timing.",
      "Well, within 45 days the video output quit working.",
      "Well, it was nice while it lasted.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound < -0.05, "\(text)")
    }
    // Each word alone keeps VADER's praise.
    #expect(analyzer.analyze("I recommend it.").sentiment.compound > 0.05)
    #expect(analyzer.analyze("Your engineer was kind and patient.").sentiment.compound > 0.05)
    #expect(analyzer.analyze("Thanks for the quick fix.").sentiment.compound > 0.05)
  }

  /// The incident named by what it did to the writer's machines and work, with no word for it.
  @Test func theIncidentNamedByWhatItDid() {
    let looping = analyzer.analyze("Half our fleet was bootlooping.")
    #expect(looping.aspects[score: .outage] < -0.05)
    let screens = analyzer.analyze("Our entire fleet was blue-screening.")
    #expect(screens.aspects[score: .outage] < -0.05)
    for text in ["Can you bump the ticket to P1? We have 60 ATMs down.", "Staff couldn't log in all morning."] {
      #expect(analyzer.analyze(text).aspects.isMentioned(.outage), "\(text)")
    }
    let mess = analyzer.analyze("I spent the voucher on a coffee to stay awake fixing their mess.")
    #expect(mess.aspects[score: .outage] < -0.05)
  }

  /// The status page quoted against what happened is a complaint about the communication, with
  /// no word of blame in it.
  @Test func theStatusPageQuotedIsAComplaint() {
    for text in [
      "Your status page said everything was green for three hours.",
      "Your status page said 'investigating' for 6 hours while the whole world already knew what it was.",
      "Status page still shows green for EU-West.",
    ] {
      let analysis = analyzer.analyze(text)
      #expect(analysis.aspects[score: .communication] < -0.05, "\(text)")
      #expect(analysis.sentiment.compound < -0.05, "\(text)")
    }
  }

  /// Testing said to be wanting, a missing safeguard named and trust said to be lower judge the
  /// product's reliability, with no word of blame in them.
  @Test func testingWantedAndTrustLoweredJudgeReliability() {
    for text in [
      "Fine product, but the update process clearly needs more testing.",
      "Good product but after the incident the trust is lower. We continue, but with caution.",
      "Why was an update pushed to every customer at the same time? No canary, no staggering?",
      "Brightgate has until the end of Q1 to earn back our trust.",
    ] {
      #expect(analyzer.analyze(text).aspects[score: .reliability] < -0.05, "\(text)")
    }
  }

  /// What makes no sense, falls short of the impact or "is not how you" do it is criticism of
  /// the offer it is said of, with no word of blame in it.
  @Test func whatMakesNoSenseIsCriticism() {
    for text in [
      "A flat $10 for everyone from a one-person shop to a bank makes no sense.",
      "The compensation does not reflect the impact.",
      "A gift card is not how you make amends with an enterprise customer.",
    ] {
      #expect(analyzer.analyze(text).aspects[score: .offer] < -0.05, "\(text)")
    }
    #expect(analyzer.analyze("The twist just doesn't make sense.").sentiment.compound < -0.05)
  }

  /// The product judged as such ("the product itself", "good when it works") is its
  /// reliability, beside the people who supported it.
  @Test func theProductItselfIsItsReliability() {
    let letDown = analyzer.analyze(
      "The on-site engineer was excellent and got our workstations back. The product itself let us down badly though.")
    #expect(letDown.aspects[score: .reliability] < -0.05)
    #expect(letDown.aspects[score: .support] > 0.05)
    #expect(analyzer.analyze("When it works, it's great.").aspects.isMentioned(.reliability))
    // The product as what is left is no judgement of it.
    #expect(!analyzer.analyze("We will stop using your product.").aspects.isMentioned(.reliability))
  }

  /// What the vendor said, wrote or failed to is its communication: calls not returned, mail
  /// that went astray, guides that contradict each other.
  @Test func whatTheVendorSaidOrDidNotIsCommunication() {
    for text in [
      "Our account manager hasn't returned a single call since the outage.",
      "During the outage your emails landed in our spam folder.",
      "There are 4 versions of the guide and they contradict each other.",
    ] {
      #expect(analyzer.analyze(text).aspects[score: .communication] < -0.05, "\(text)")
    }
    #expect(analyzer.analyze("We were told it would be fixed in a few hours.").aspects.isMentioned(.communication))
  }

  /// The offer's amount asked back alone is disbelief, and the laughter beside it scorn; asked
  /// beside another question it asks.
  @Test func anAmountAskedBackIsDisbelief() {
    for text in ["10 bucks?", "$10??", "A 5% discount?? We lost 3 days of payroll processing.", "10 bucks? 😂😂😂"] {
      let analysis = analyzer.analyze(text)
      #expect(analysis.aspects[score: .offer] < -0.05, "\(text)")
      #expect(analysis.sentiment.compound < -0.05, "\(text)")
    }
    for text in ["$10? Is that per seat?", "How much is the voucher? $10?"] {
      #expect(analyzer.analyze(text).aspects[score: .offer] > -0.05, "\(text)")
    }
  }

  /// The channels of support and nobody at them judge the support, with no word of blame.
  @Test func nobodyAtTheChannelsOfSupportIsAComplaint() {
    for text in [
      "Nobody answered the phone for hours.",
      "Your phone menu still plays the outage message and then drops the call.",
      "I left a voicemail on Monday and nobody called back.",
      "Does anyone actually read these tickets?", "so are we getting the credit or what. nobody's answered in 2 days",
    ] {
      #expect(analyzer.analyze(text).aspects[score: .support] < -0.05, "\(text)")
    }
    // What people deserve praises them.
    #expect(analyzer.analyze("Honestly the support folks deserve a raise.").aspects[score: .support] > 0.05)
  }

  /// A contract extended is the offer, and amends made unasked are praise of it.
  @Test func aContractExtendedUnaskedIsTheOfferPraised() {
    let extended = analyzer.analyze("Thank you for extending our contract by a month without us having to ask for it.")
    #expect(extended.aspects[score: .offer] > 0.05)
    let proactive = analyzer.analyze("Halcyon applied a 20% credit proactively, which is the right way to do it.")
    #expect(proactive.aspects[score: .offer] > 0.05)
    #expect(analyzer.analyze("Can we get a contract extension of two weeks?").aspects.isMentioned(.offer))
  }

  /// A product's failings in the words reviewers use and VADER lacks, and "disappointed" misspelt.
  @Test func aProductsFailingsInReviewersWords() {
    for text in [
      "You will have a very expensive paperweight.", "Buyer beware.", "The second one crapped out after a week.",
      "It's money down the drain.", "This camera has a major design flaw.", "Very cheaply made.",
      "He spent another half hour on the phone with tech support, to no avail.", "Only lasted a month!",
      "A disapointed customer.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound < -0.05, "\(text)")
    }
    #expect(analyzer.analyze("You will not be dissapointed.").sentiment.compound > 0.05)
  }

  /// Common words of praise and blame that VADER's lexicon lacks; "incredible" still boosts the
  /// word of sentiment after it.
  @Test func commonPraiseVADERLacks() {
    for text in [
      "The battery life is incredible!", "The service from the supplier was exceptional.",
      "It looks really sleek and stylish.", "A very intuitive program.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound > 0.05, "\(text)")
    }
    for text in ["Shoddy workmanship.", "The plot is bland and full of plot holes.", "This player is trash."] {
      #expect(analyzer.analyze(text).sentiment.compound < -0.05, "\(text)")
    }
    // Reviewers' verdicts; "nothing short of" negates nothing.
    for text in [
      "Two thumbs up!", "It gets the job done.", "A must-have for any admin.", "Nothing short of magnificent.",
      "This camera will not let you down.", "For the price you can't beat it.", "Excelent product, would reccomend.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound > 0.05, "\(text)")
    }
    for text in [
      "Do yourself a favor and look elsewhere.", "The clip breaks easily.", "Tedious and forgettable.",
      "I've had better bagels from the grocery store.", "You can find better movies at youtube.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound < -0.05, "\(text)")
    }
    // "Without a doubt" is certainty: its negator has no scope after it.
    #expect(analyzer.analyze("Without a doubt the best player I've owned.").sentiment.compound > 0.05)
    #expect(analyzer.analyze("The fries are without a doubt the worst I've ever had.").sentiment.compound < -0.05)
    // "stale" is an IT word ("stale entries"), left out.
    #expect(analyzer.analyze("How do we bulk-remove the stale entries?").sentiment.compound == 0)
    // A mail folder is no judgement.
    #expect(analyzer.analyze("The notification went to the trash folder.").sentiment.compound == 0)
    let boosted = analyzer.analyze("The support was incredibly good.").sentiment.compound
    #expect(boosted > analyzer.analyze("The support was good.").sentiment.compound)
  }

  /// What "would be" good is wished for or asked for, not given: no praise; what "would have
  /// been" good was missing (the modal before "have" negates), and what is needed better is
  /// found wanting; thanks and praise elsewhere in the sentence still count.
  @Test func aWishIsNoPraise() {
    for text in [
      "A working status page would be nice.", "It would be nice to get an answer.",
      "Would be great if you could send the RCA.", "Some acknowledgement of that would be nice, not a generic email.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound <= 0.05, "\(text)")
    }
    #expect(analyzer.analyze("A phone call would have been nice.").sentiment.compound < -0.05)
    #expect(analyzer.analyze("You would be better off buying the older model.").sentiment.compound < -0.05)
    #expect(analyzer.analyze("That would be great, thanks!").sentiment.compound > 0.05)
    #expect(analyzer.analyze("The new console would be great.").sentiment.compound == 0)
    // What is needed better is found wanting.
    #expect(analyzer.analyze("We need better tuning defaults.").sentiment.compound < -0.05)
  }

  /// How updates are tested and rolled out is reliability, as a product that stays up is; the
  /// damage and the recovery are the incident.
  @Test func testingAndRolloutAreReliability() {
    let untested = analyzer.analyze("Extremely poor handling overall. Untested update, slow and vague communication.")
    #expect(untested.aspects[score: .reliability] < -0.05)
    let staged = analyzer.analyze("The new staged-rollout controls are exactly what we asked for. Well done.")
    #expect(staged.aspects[score: .reliability] > 0.05)
    #expect(
      analyzer.analyze("Our pharmacy systems have been rock solid since the fix.").aspects[score: .reliability] > 0.05)
    // How the vendor ships its updates; not the customer's own maintenance window.
    #expect(analyzer.analyze("Stop pushing updates on a Friday.").aspects[score: .reliability] < -0.05)
    #expect(analyzer.analyze("Customer wants a roadmap for ring deployments.").aspects.isMentioned(.reliability))
    #expect(!analyzer.analyze("We have a maintenance window Saturday 22:00 CET.").aspects.isMentioned(.reliability))
    // What the vendor should do, told as a reproach.
    #expect(analyzer.analyze("Test your updates.").aspects[score: .reliability] < -0.05)
    #expect(analyzer.analyze("Be more proactive with the smaller customers.").sentiment.compound < -0.05)
    // The incident named by its damage or its recovery.
    #expect(analyzer.analyze("We had 3 days standstill in two warehouses.").aspects.isMentioned(.outage))
    #expect(analyzer.analyze("A free month. Wow. We lost a week.").aspects.isMentioned(.outage))
    #expect(analyzer.analyze("The status page still says degraded.").aspects.isMentioned(.outage))
    let damage = analyzer.analyze("The voucher is really not adequate for the damage.")
    #expect(damage.aspects.isMentioned(.outage))
    #expect(analyzer.analyze("Took 4 days to get all our tills working again.").aspects.isMentioned(.outage))
  }

  /// The incident named to say it does not matter here is no complaint.
  @Test func theIncidentSaidNotToMatterIsNoComplaint() {
    for text in [
      "We are downgrading to the Pro tier, we don't use the module. Nothing to do with the outage.",
      "Cust IT lead left company. Outage impact minimal.", "Not outage related, just asking.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound >= -0.05, "\(text)")
      #expect(analyzer.analyze(text).aspects[score: .outage] >= -0.05, "\(text)")
    }
  }

  /// Violence in a technician's sense is no complaint; slang praise is praise.
  @Test func techniciansWordsAndSlangPraise() {
    #expect(compound("Is there a way to kill a process remotely without isolating the host?") == 0)
    #expect(compound("Killer feature for us is the USB device control.") > 0.05)
    #expect(compound("We patched the Win 10 machines first.") == 0)
    #expect(compound("The detection caught it within seconds. Scary good.") > 0.05)
    let rca = analyzer.analyze("They published the RCA. Credit where due.")
    #expect(rca.sentiment.compound > 0.05)
    #expect(!rca.aspects.isMentioned(.offer))
  }

  /// The price and the vendor's people by other names; not a meeting being moved.
  @Test func priceAndPeopleByOtherNames() {
    #expect(analyzer.analyze("Easy to deploy, good value for money.").aspects.isMentioned(.price))
    #expect(analyzer.analyze("Kinda pricey but worth it.").aspects.isMentioned(.price))
    #expect(analyzer.analyze("Honestly your guys have been awesome this week.").aspects[score: .support] > 0.05)
    #expect(!analyzer.analyze("Can we move the onboarding call to next week?").aspects.isMentioned(.support))
  }

  /// "Despite" concedes: the sentence reads as VADER's negation has it, but the conceded thing is
  /// not praised for it, and a statement after it is not denied.
  @Test func despiteConcedesWithoutPraisingOrDenying() {
    let engineers = analyzer.analyze("Despite the outage, your engineers were great.")
    #expect(engineers.sentiment.compound > 0.05)
    #expect(engineers.aspects[score: .outage] <= 0)
    #expect(engineers.aspects[score: .support] > 0.05)
    let renew = analyzer.analyze("Despite the outage we will renew.")
    #expect(!renew.churnIntent)
    #expect(renew.aspects[score: .outage] <= 0)
    #expect(
      analyzer.analyze("Despite some charm and heart, this quirky soccer import is forgettable").sentiment.compound
        < -0.05)
  }

  /// Idioms of praise (a quick turnaround, patience, competence) and of a voucher that does not
  /// work; "redeemed" alone is a transaction.
  @Test func idiomsOfPraiseAndARedeemedCode() {
    let hats = analyzer.analyze("Hats off to your Bangalore support team.")
    #expect(hats.aspects[score: .support] > 0.05)
    #expect(analyzer.analyze("great, case closed, appreciate the quick turnaround").aspects[score: .support] > 0.05)
    #expect(analyzer.analyze("the voucher code says already redeemed??").aspects[score: .offer] < -0.05)
    #expect(abs(analyzer.analyze("I redeemed the voucher today.").sentiment.compound) < 0.05)
    #expect(analyzer.analyze("A formula comedy redeemed by its stars.").sentiment.compound > 0.05)
    let patient = analyzer.analyze("The support engineer was very patient with our junior admin.")
    #expect(patient.aspects[score: .support] > 0.05)
    #expect(analyzer.analyze("the support guy knew his stuff").aspects[score: .support] > 0.05)
    // A hospital's patient is no praise.
    #expect(analyzer.analyze("Patient records were unavailable.").sentiment.compound <= 0)
  }

  /// Delay, insufficiency, dismissal and reproach said plainly are complaints (a flaw dismissed is
  /// not); a response done well or kept in the loop is praise.
  @Test func plainComplaintsAndPraiseAreRead() {
    for text in [
      "Support took ages to respond.", "Mistakes happen, but this was avoidable.",
      "The voucher was a nice touch but doesn't change much.",
      "Honestly, who cares about a voucher when our systems were down for a day.",
      "The fix took way too long.", "This could have been avoided with basic testing.", "Same old story.",
      "We were not kept in the loop.", "The incident itself should never have happened.",
    ] {
      #expect(analyzer.analyze(text).sentiment.compound < -0.05, "\(text)")
    }
    #expect(
      analyzer.analyze("The drumming is so excellent, who cares if the story's a little weak.").sentiment.compound
        > 0.05)
    for text in ["You nailed the response.", "Kept us in the loop throughout.", "A step in the right direction."] {
      #expect(analyzer.analyze(text).sentiment.compound > 0.05, "\(text)")
    }
  }

  /// "X was not." after praise denies it of X, for X's aspect only.
  @Test func anElidedNegationDeniesThePraiseBefore() {
    let analysis = analyzer.analyze("The credit is fine. The communication was not.")
    #expect(analysis.aspects[score: .communication] < -0.05)
    #expect(analysis.aspects[score: .offer] > 0.05)
    #expect(analyzer.analyze("Support was great. The account team wasn't.").sentiment.compound < 0.4)
  }

  /// A short verdict that opens the text and names nothing is said of what the next sentence
  /// names, when that sentence judges nothing itself; later in a text, thanks, surprise or a
  /// statement with a subject are no such verdict.
  @Test func aVerdictOpeningTheTextIsSaidOfWhatFollows() {
    for text in ["Insulting. A $10 voucher.", "Is this a joke? $10?", "Declined. One free month."] {
      #expect(analyzer.analyze(text).aspects[score: .offer] < -0.05, "\(text)")
    }
    #expect(analyzer.analyze("Great news. The credit was applied.").aspects[score: .offer] > 0.05)
    for text in [
      "Thank you. The voucher arrived.", "Wow. Just wow. A $10 gift card.",
      "Detection is still excellent. Updates need a staged rollout option.",
      "We were down all day. THIS IS A JOKE!!! Please escalate this to a senior engineer.",
    ] {
      let aspects = analyzer.analyze(text).aspects
      #expect(
        aspects[score: .offer] == 0 && aspects[score: .support] == 0 && aspects[score: .reliability] == 0, "\(text)")
    }
  }

  /// A sentence opened by "it", "it's" or "that's" stands for what the sentence before named, whatever
  /// its length; "it" opening a stretch of time stands for nothing.
  @Test func aPronounOpeningASentenceContinuesTheAspectBefore() {
    #expect(
      analyzer.analyze("I receive the €25 voucher today. It is very kind, thank you so much.").aspects[score: .offer]
        > 0.05)
    #expect(
      analyzer.analyze("Your service credit of $600 arrived. It is not acceptable and I expect a revised proposal.")
        .aspects[score: .offer] < -0.05)
    #expect(
      analyzer.analyze("Got the credit note for 15% off the next renewal. That's fair, thank you.")
        .aspects[score: .offer] > 0.05)
    #expect(
      analyzer.analyze("Thanks for the voucher. It took two days to get a real human on the line.")
        .aspects[score: .offer] > 0.05)
  }

  /// Speed judges: faster is praise, slower a complaint (the domain lexicon's comparatives).
  @Test func speedIsJudged() {
    #expect(analyzer.analyze("Support has been faster since the outage.").aspects[score: .support] > 0.05)
    #expect(compound("Fast, polite, and knew their stuff.") > 0.05)
    #expect(compound("The console is slower since the update.") < -0.05)
    #expect(compound("Hosts are coming back slowly.") < -0.05)
  }

  /// "kind of" hedges ("kind of slow"), but "kind of you" praises; swag sent as an apology is
  /// the offer.
  @Test func kindnessAndSwag() {
    #expect(analyzer.analyze("Very kind of you to send the gift card.").aspects[score: .offer] > 0.05)
    #expect(compound("How kind of them.") > 0.05)
    #expect(compound("It was kind of slow.") < -0.05)
    #expect(
      analyzer.analyze("Received the swag box, the hoodie is actually great quality.").aspects[score: .offer] > 0.05)
    #expect(analyzer.analyze("We don't want a t-shirt, we want answers.").aspects[score: .offer] < -0.05)
  }

  /// A token amount set against the loss in a sentence with no verb is scorned ("$10 for 12
  /// hours of downtime."); one reported by a verb, or set against nothing lost, is not.
  @Test func aTokenAmountAgainstTheLossIsScorned() {
    for text in [
      "$10 for 12 hours of downtime.", "A $10 Uber Eats card for 300 bricked laptops.",
      "$10 for bricking the world's computers.", "Just $10 for a full day offline.",
    ] {
      #expect(analyzer.analyze(text).aspects[score: .offer] < -0.05, "\(text)")
    }
    #expect(analyzer.analyze("$10 credit for each of our 40 seats has been applied.").aspects[score: .offer] == 0)
    #expect(analyzer.analyze("$10 for a coffee, thanks!").aspects[score: .offer] > 0.05)
  }

  /// Praise in scare quotes of one or two words means its opposite, for its clause's aspects
  /// too; a longer quotation is a title or a message, and an offer's word in quotes is left to
  /// the text's irony.
  @Test func praiseInScareQuotesMeansItsOpposite() {
    let resolved = analyzer.analyze("Support closed my ticket as 'resolved' while our servers were still down.")
    #expect(resolved.sentiment.compound < -0.05 && resolved.aspects[score: .support] < -0.05)
    #expect(compound("You promised \u{201C}full transparency\u{201D} and then the RCA came back redacted.") < -0.05)
    #expect(compound("The ticket has been \"in progress\" for 4 days.") < -0.05)
    #expect(compound("Your 'Thank you for your patience' email arrived.") > 0.05)
    #expect(compound("Don't worry, it's fine.") > 0.05)
    #expect(
      analyzer.analyze("Love the \"apology\" voucher, really captures the scale of the outage.").sentiment.compound
        < -0.05)
  }

  /// A word of acceptance alone accepts rather than praises, for what it carries too; praise on
  /// the condition that it works, and being treated as a number, are complaints.
  @Test func acceptanceAloneIsNeutralAndBackhandedPraiseComplains() {
    #expect(compound("Fine.") == 0)
    let received = analyzer.analyze("Voucher received. Fine.")
    #expect(received.sentiment.compound == 0 && received.aspects[score: .offer] == 0)
    #expect(compound("The product is fine.") > 0.05)
    #expect(compound("The product is good when it works.") < -0.05)
    #expect(compound("This is the first time I've felt like just another ticket number.") < -0.05)
    // Politeness and a clash of dates are no complaint; "not in a good way" takes praise back.
    #expect(compound("Sorry to bother you, can you resend the invoice?") == 0)
    #expect(compound("Please cancel my registration for the workshop, I have a conflict that week.") == 0)
    #expect(compound("The voucher made me laugh. Not in a good way.") < -0.05)
    // Accountability praised, a line cut off, praise taken back, the incident as a topic.
    #expect(compound("Thank you for owning the mistake publicly.") > 0.05)
    #expect(compound("The phone line plays a recorded message and hangs up.") < -0.05)
    #expect(compound("I liked the product. Past tense.") < -0.05)
    #expect(compound("The letter explained what went wrong.") == 0)
  }

  /// A resigned remark alone is a complaint; the same word in a sentence is not.
  @Test func aResignedRemarkAloneComplains() {
    #expect(
      compound("The gift card link expired before I could use it. Typical.") < compound("Typical of them to send it."))
    #expect(compound("Really?") < -0.05)
    #expect(compound("Is that really the fix?") == 0)
  }

  /// An emoji or a closing is no praise to mock: "🙏" after a request, "Sincerely," before a name.
  @Test func anEmojiOrAClosingAfterAComplaintIsNotMocking() {
    let plain = compound("We still have 20 hosts stuck in recovery; please advise.")
    #expect(compound("We still have 20 hosts stuck in recovery; please advise. 🙏") > plain)
    // "Fright" (a misspelt "Freight") complains nothing: the closing is not mocking praise.
    let signed = analyzer.analyze("The outage was bad. Sincerely, Jo from Granite Fright, Leeds")
    #expect(signed.sentenceCount == 2)
    #expect(analyzer.sentenceSentiments[1].compound > -0.05)
  }

  /// Laughter beside other praise, or in a text that asks about the offer, is no verdict on it.
  @Test func laughterWithPraiseOrInAQuestionIsNotScorn() {
    let praise = analyzer.analyze(
      "Received the swag box, the hoodie is actually great quality lol. Thanks Aegis team.")
    #expect(praise.sentiment.compound > 0.05)
    #expect(praise.aspects[score: .offer] > -0.05)
    let asked = analyzer.analyze("Got the $10 voucher. Is it taxable for employees? Our payroll team is asking lol")
    #expect(asked.aspects[score: .offer] > -0.05)
  }

  // MARK: Churn intent

  @Test(arguments: [
    ("We will not renew our contract.", true, "not renew"),
    ("We won't be renewing.", true, "won't be renewing"),
    ("We will cancel if this happens again.", true, "cancel"),
    ("We will not cancel, but we expect better testing.", false, ""),
    ("We are moving to SentinelOne next quarter.", true, "moving to SentinelOne"),
    ("We are evaluating alternatives.", true, "evaluating alternatives"),
    ("Will be reviewing alternatives at renewal.", true, "reviewing alternatives"),
    // A place after a verb of leaving is a trip; a name no list knows may be the vendor.
    ("We're leaving Dallas on Friday, can we move the QBR?", false, ""),
    ("We're leaving Aegis at renewal.", true, "We're leaving"),
    ("Please switch to the new console.", false, ""),
    ("We plan to renew.", false, ""),
    ("I don't think we will renew.", true, "don't think we will renew"),
    // Phrasings of leaving that name no competitor (intents.txt).
    ("Please close our account effective end of month.", true, "close our account"),
    ("We will not continue with your service after this year.", true, "not continue with your service"),
    ("Please turn off auto-renew on our account.", true, "turn off auto-renew"),
    ("Our contract is up in March and we are going elsewhere.", true, "we are going elsewhere"),
    // Overlapping phrases are one statement, its evidence all of them.
    ("We hereby give notice of termination of the agreement.", true, "notice of termination of the agreement"),
    ("We are not going elsewhere, we just want answers.", false, ""),
    // The papers of leaving asked for are leaving; "termination" alone has other senses.
    ("No. We're done. Send the termination paperwork.", true, "termination paperwork"),
    ("The termination of the stuck process failed.", false, ""),
    // A vendor missing from competitors.txt: a name no lexicon knows after "switching to", with
    // what it is attached ("Security", "MDR": intents.txt's vendor-word).
    ("Seriously considering switching to Quillon Security.", true, "switching to Quillon Security"),
    ("We are already piloting Brackwell MDR on the finance fleet.", true, "piloting Brackwell MDR"),
    ("We are switching to Ériksson Cyber Defense.", true, "switching to Ériksson Cyber Defense"),
    ("Our CFO has asked for a quote from Sentrik.", false, ""),
    ("We are already piloting Bastionware on a few hundred endpoints.", false, ""),
    ("We are moving to Kubernetes for the affected services.", false, ""),
    ("We are moving to Zscaler for endpoint traffic.", false, ""),
    ("Escalations are moving to Rahul from Monday, he covers endpoint security.", false, ""),
    // A leave-to phrase's object: the first word past "the", "a"... and at most one more.
    ("We are talking to Microsoft support about Defender.", false, ""),
    ("We're going with Cynet.", true, "going with Cynet"),
    ("We are not moving to Quillon.", false, ""),
    ("We are migrating to Windows 11 this month.", false, ""),
    ("Can we move the call to Monday, or move to Tuesday?", false, ""),
    ("We switched to Safe Mode to recover the hosts.", false, ""),
    // Only a leave-to-name phrase takes an unknown name: people are talked to.
    ("We are talking to Sarah from your team.", false, ""),
    // In capitals every word looks like a name: not taken for one.
    ("WE ARE MOVING TO QUILLON SECURITY", false, ""),
    // Cancelling, ending or renewing: an intent with no object or the service as the object
    // (intents.txt's object-verb, service-object, not-object).
    ("Please cancel ticket #48211, the issue is resolved.", false, ""),
    ("We had to cancel our Monday meetings because of the BSOD loop.", false, ""),
    ("Can you cancel the duplicate invoice you sent?", false, ""),
    ("We will not renew the certificate until the agent is fixed.", false, ""),
    ("We had to terminate the VM.", false, ""),
    ("Our hospitals had to cancel surgeries.", false, ""),
    ("We cancelled our McAfee contract to come to you.", false, ""),
    ("We're leaving the sensor in detect-only mode until your RCA arrives.", false, ""),
    ("There was no mention of a renewal discount in your apology.", false, ""),
    ("We will cancel our subscription.", true, "cancel"),
    ("We will cancel unless you call us back today.", true, "cancel"),
    ("Please cancel our contract and the scheduled meeting.", true, "cancel"),
    ("We want to cancel immediately.", true, "cancel"),
    ("We are cancelling all 300 seats.", true, "cancelling"),
    ("Cancel this garbage.", true, "Cancel"),
    ("Please cancel our Aegis Falcon subscription.", true, "cancel"),
    ("We want to cancel the rest of the contract.", true, "cancel"),
    ("Cancel it. We don't want your product anymore.", true, "Cancel"),
    ("We will almost certainly cancel.", true, "cancel"),
    ("We're leaving Aegis.", true, "We're leaving"),
    ("We won't renew Aegis.", true, "won't renew"),
    ("We can't stay with a vendor that bricks our fleet.", true, "can't stay with"),
    ("The scan is stuck at 40%. Can you cancel this?", false, ""),
    ("Please cancel the failed job.", false, ""),
    ("Your agent keeps terminating Tableau.", false, ""),
    // The service's word for something else the writer subscribes to (an outside audit's case).
    ("I'm cancelling my subscription to the newsletter, the product is fine.", false, ""),
    ("I'm cancelling my newsletter subscription.", false, ""),
    ("Please cancel my subscription to the webinar series.", false, ""),
    ("We are cancelling our subscription to your product.", true, "cancelling"),
    ("We will cancel our subscription to Aegis.", true, "cancel"),
    // A plan in the past did not happen; the company leaving past an adverb is leaving; a former
    // employer is somebody else.
    ("We were going to cancel, but the RCA convinced us to stay.", false, ""),
    ("I was about to cancel our contract.", false, ""),
    ("We're going to cancel.", true, "cancel"),
    ("We're definitely leaving.", true, "leaving"),
    ("I'm leaving as soon as the update finishes.", false, ""),
    ("My previous employer dropped you after a similar incident.", false, ""),
    // A bare leave verb opening its sentence past an adverb has the writer as subject.
    ("Already gone, why am I getting this survey?", true, "gone"),
    ("Probably leaving early today.", false, ""),
    // Staying asked about and refused flatly is leaving; an answer that leaves it open is not.
    ("Renewal? Not a chance.", true, "Renewal? Not a chance"),
    ("Renew? Never.", true, "Renew? Never"),
    ("Renewal? Not decided yet.", false, ""),
    ("Will we renew? No idea.", false, ""),
    // A longer question answered by a flat no: what it asks refused, whichever way.
    ("Would we cancel over one bad day? Of course not.", false, ""),
    ("Will we renew after a week like this? Absolutely not.", true, "renew after a week like this? Absolutely not"),
    ("Can we cancel our subscription? No response from support yet.", true, "cancel"),
    // Said not to be about the vendor; done for the day, not for good.
    ("We chose another vendor for our backups, not related to you.", false, ""),
    ("We're migrating off Kaseya for patching, nothing to do with you.", false, ""),
    ("The RFP for our new HR system is out, unrelated to you.", false, ""),
    ("Unrelated to you, but we've decided not to renew the agreement with our MSP.", false, ""),
    ("We've decided not to renew the agreement.", true, "not to renew"),
    // A contract with a third party that runs the service is not the vendor's.
    ("We've decided not to renew the agreement with our MSP.", false, ""),
    ("We're moving to SentinelOne, and it is not related to the price.", true, "moving to SentinelOne"),
    ("We're done with you for today, thanks for the help!", false, ""),
    ("We're done with you.", true, "We're done with you"),
    // After the incident is a time, not an object; the vendor addressed as what is replaced.
    ("No way we're staying after this.", true, "No way we're staying"),
    ("We're leaving after this outage.", true, "We're leaving"),
    ("We're leaving after the meeting.", false, ""),
    ("You are being replaced.", true, "replaced"),
    ("You're being replaced by Defender next quarter.", true, "replaced"),
    ("You were removed from the thread.", false, ""),
    // Not coming back: the writer's, at the clause's end; not a return to a place or a time.
    ("We won't be back.", true, "won't be back"),
    ("We're not coming back after this.", true, "not coming back"),
    ("We won't be back until Monday.", false, ""),
    ("Our admin won't be back.", false, ""),
    ("The dashboard won't come back.", false, ""),
    ("We will be back.", false, ""),
    // Past the term is a time; laughter ends an object; "can't wait to" is eager, not negated.
    ("We won't be continuing past this term.", true, "won't be continuing"),
    ("We won't be extending the contract past March.", true, "won't be extending"),
    ("We will replace past incidents with a proper runbook.", false, ""),
    ("gonna cancel lol, ten bucks is a joke", true, "cancel"),
    ("Can't wait to cancel this garbage.", true, "cancel"),
    ("We plan to terminate the MSSP arrangement with you at the end of Q2.", true, "terminate"),
    // Leaving ruled out.
    ("Cancellation is off the table for now, but fix your QA.", false, ""),
    ("Leaving is out of the question.", false, ""),
    ("Cancellation is the only option.", true, "Cancellation"),
    // "it" stands for a review or a window: not the service; what waits on leaving ends its object.
    ("The quarterly business review is pointless after this mess. Cancel it.", false, ""),
    ("The maintenance window on Sunday clashes with our patching. Can you cancel it?", false, ""),
    ("We will terminate the contract pending review.", true, "terminate"),
    ("Please cancel the pending order.", false, ""),
    // A period before a noun modifies it: the noun is the object.
    ("We will cancel the end of month report.", false, ""),
    ("We will cancel the end of year contract.", true, "cancel"),
    ("We will cancel at the end of the month.", true, "cancel"),
    ("pls cancel our sub asap", true, "cancel"),
    // Endpoint vendors the shipped list names; a vendor of something else is no way out.
    ("We're switching to ThreatDown for endpoint protection.", true, "switching to ThreatDown"),
    ("Patching is moving to Tanium next quarter; will your agent conflict with it?", false, ""),
    // What nearly caused leaving did not.
    ("The outage nearly led to termination of our contract.", false, ""),
    ("The outage almost caused a cancellation.", false, ""),
    ("The outage led to termination of our contract.", true, "termination of our contract"),
    // The contract left to run out, or ended by its own clause.
    ("We will let the contract lapse.", true, "let the contract lapse"),
    ("We exercised the exit clause in our contract.", true, "exercised the exit clause"),
    ("Does the exit clause let us leave early?", false, ""),
    // "Cancelled." as a whole answer is the writer's; something else cancelled is not.
    ("0. Cancelled.", true, "Cancelled"),
    ("The meeting was cancelled.", false, ""),
    ("Order cancelled.", false, ""),
    ("Cancelled the scan.", false, ""),
    // A person's account is not the service.
    ("Our intern is leaving at the end of the month, please remove his account.", false, ""),
    ("Please cancel her subscription.", false, ""),
    // Leaving thought about, a new vendor looked for; not a day's plans.
    ("Honestly thinking about leaving.", true, "thinking about leaving"),
    ("We're considering cancelling.", true, "considering cancelling"),
    ("We're actively looking for a new EDR vendor.", true, "looking for a new EDR vendor"),
    ("We are thinking about leaving early today.", false, ""),
    ("We're considering cancelling the meeting.", false, ""),
    // Options weighed: leaving, unless they are options of doing something else.
    ("We will be evaluating our options at renewal.", true, "evaluating our options"),
    ("We are weighing our options.", true, "weighing our options"),
    ("We are considering our options for our endpoint security.", true, "considering our options"),
    ("We are exploring our options for recovering the drives.", false, ""),
    ("We're looking at other options to restore the hosts.", false, ""),
    // A thing as the subject: a fault's doing, not the writer leaving.
    ("The update terminated our SQL services for six hours.", false, ""),
    ("Your sensor suddenly removed our agents from every host.", false, ""),
    ("Our team terminated our SQL services contract.", true, "terminated our"),
    // A noun of leaving names what ends after "of".
    ("The outage caused the cancellation of 300 flights.", false, ""),
    ("Your update forced the cancellation of every appointment.", false, ""),
    ("Please confirm the cancellation of our subscription.", true, "cancellation"),
    ("We request the cancellation of Aegis effective immediately.", true, "cancellation"),
    ("We are requesting cancellation.", true, "cancellation"),
    ("We are cancelling Aegis.", false, ""),
    ("We're leaving early today.", false, ""),
    // Gone by a time of the day is a schedule; by a time of the year, leaving.
    ("We'll be gone by 4pm today, can we reschedule?", false, ""),
    ("We'll be gone by the end of the day.", false, ""),
    ("We'll be gone by the end of the month.", true, "We'll be gone"),
    ("I'll leave you to it.", false, ""),
    ("We will leave you with the logs.", false, ""),
    ("We're leaving you for Sophos.", true, "leaving you"),
    // For ever is no object; an ellipsis is no clause's end before what goes on from the verb.
    ("We're leaving for good.", true, "We're leaving"),
    ("Our intern is leaving for good, please remove his account.", false, ""),
    ("We are leaving... for the holidays, so please reply by Friday.", false, ""),
    ("We are leaving\u{2026} for the holidays.", false, ""),
    ("We're leaving... the outage was the last straw.", true, "We're leaving"),
    ("We are leaving... for SentinelOne.", true, "We are leaving"),
    ("We're leaving... in December.", true, "We're leaving"),
    ("We're leaving... at renewal.", true, "We're leaving"),
    ("I've had ticket 4411 open for a week. We won't renew this time.", true, "won't renew"),
    ("Please cancel the subscription which auto-renews in May.", true, "cancel"),
    ("Please cancel the onboarding session and the contract as well.", true, "cancel"),
    ("We are cancelling our Trend Micro licences and keeping Aegis.", false, ""),
    ("We will not renew this year.", true, "not renew"),
    ("We're leaving.", true, "We're leaving"),
    // What almost happened did not.
    ("We almost cancelled our contract on Friday, your CSM talked us down.", false, ""),
    ("We nearly switched to Sophos in 2022.", false, ""),
    // Churn in the progressive, and a renewal dared (an outside audit, session 36).
    ("We will be churning at renewal.", true, "We will be churning"),
    ("We're going to churn at renewal.", true, "We're going to churn"),
    ("We will not be churning.", false, ""),
    ("Good luck getting us to renew.", true, "Good luck getting us to renew"),
  ])
  func churnIntentIsNegationAware(text: String, intent: Bool, evidence: String) {
    expectIntent(text, intent, evidence)
  }

  /// Leaving said in the past, as a fact ("We cancelled the contract last week"), by the
  /// writer; a negation before "and" plus a new subject or "will" stays in its own clause; more
  /// ways of saying it, each beside the other work its words also say.
  @Test(arguments: [
    ("We cancelled the contract last week.", true, "We cancelled"),
    ("We've cancelled.", true, "We've cancelled"),
    ("I just cancelled.", true, "I just cancelled"),
    ("We have terminated the agreement.", true, "We have terminated"),
    ("Our renewal is cancelled.", true, "renewal is cancelled"),
    ("Renewal is off the table.", true, "Renewal is off the table"),
    ("We will be non-renewing.", true, "non-renewing"),
    ("I cancelled the meeting.", false, ""),
    ("We cancelled the reboot because users were still logged in.", false, ""),
    ("We have terminated the VM and restored from backup.", false, ""),
    ("We're not happy and we are switching to Sophos.", true, "switching to Sophos"),
    ("We are not happy and will cancel.", true, "cancel"),
    ("We will not cancel and switch to Sophos.", false, ""),
    ("We're not leaving and we will renew.", false, ""),
    ("We want to leave.", true, "want to leave"),
    ("We want to leave a comment on the ticket.", false, ""),
    ("We're going to stop using the platform entirely after this.", true, "stop using"),
    ("We'll stop using the API until it's fixed.", false, ""),
    ("We transitioned away from your product last month.", true, "transitioned away from"),
    ("We transitioned away from the manual workaround.", false, ""),
    ("We moved off the old server last night.", false, ""),
    ("Honestly we're considering Sophos now.", true, "considering Sophos"),
    ("Considering the outage, the voucher is a joke.", false, ""),
    ("We are switching over to Cynet.", true, "switching over to Cynet"),
    ("We're off to a competitor.", true, "off to a competitor"),
    ("We're off to the conference next week.", false, ""),
    ("Leadership wants us off your platform by Q2.", true, "wants us off your"),
    ("Our board asked me to find a replacement vendor.", true, "find a replacement vendor"),
    ("Cancelation notice attached.", true, "Cancelation"),
    ("We're leaving you guys.", true, "leaving you guys"),
    ("We are exercising our termination clause.", true, "exercising our termination clause"),
    ("We're churning.", true, "We're churning"),
    ("The disk is churning.", false, ""),
    // Leaving weighed and let go, or asked about and answered "no" (staying never is).
    ("We considered switching to SentinelOne but decided to stay with you.", false, ""),
    ("We are considering switching to SentinelOne.", true, "considering switching to SentinelOne"),
    ("Cancel? Not yet.", false, ""),
    ("cancel? no. furious? yes.", false, ""),
    ("Cancel? Yes. Today.", true, "Cancel"),
    // Misspelled, as the words of leaving are: one letter dropped, doubled or swapped.
    ("worst servise ever, we will cancle", true, "cancle"),
    ("pls cancell our subscrption", true, "cancell"),
    ("we will not renw after this", true, "not renw"),
    ("Please send the paperwork to terminte our contract.", true, "terminte"),
    ("Please contact us about the renewal quote.", false, ""),
    ("Rene didn't call back.", false, ""),
    // A thing that failed to renew is not a customer who chose not to.
    ("The license did not renew automatically and our endpoints went unprotected.", false, ""),
    ("The token didn’t renew.", false, ""),
    ("We simply didn't renew.", true, "didn't renew"),
    ("Didn't renew.", true, "Didn't renew"),
    ("We won't be a customer after June.", true, "won't be a customer"),
    ("We'll be a customer for years.", false, ""),
    // The evidence runs to the object's last word.
    ("We are moving to another vendor.", true, "moving to another vendor"),
    ("We're moving to Palo Alto Networks.", true, "moving to Palo Alto Networks"),
    // Wordings an outside audit found missed (session 38), and their look-alikes.
    ("We will not continue the contract after December.", true, "not continue"),
    ("We will not continue the investigation until logs arrive.", false, ""),
    ("We will continue the contract.", false, ""),
    ("Our contract will lapse.", true, "contract will lapse"),
    ("The certificate will lapse tomorrow.", false, ""),
    ("We won't be re-signing.", true, "won't be re-signing"),
    ("Count us out for next year.", true, "Count us out"),
    ("Don't count us out yet, we are staying.", false, ""),
    ("No further business will be placed with your company.", true, "No further business"),
    ("We'll be off your platform by Q1.", true, "be off your platform"),
    ("I want us off this product by end of year.", true, "want us off this"),
    ("We are ending the contract in December.", true, "ending the contract"),
  ])
  func leavingInThePastAndInOtherWords(text: String, intent: Bool, evidence: String) {
    expectIntent(text, intent, evidence)
  }

  /// Whether `text` states an intent to leave, and by which words.
  private func expectIntent(_ text: String, _ intent: Bool, _ evidence: String) {
    let a = analyzer.analyze(text)
    #expect(a.churnIntent == intent, "\(text)")
    if intent, let range = a.churnIntentEvidence {
      #expect(TextAnalysis.text(of: range, in: text) == evidence, "\(text)")
    }
  }

  /// Verbs that state leaving only with the service, the vendor's name or "you" as their object
  /// (intents.txt's drop-verb), or with the service as the subject of a passive; other objects,
  /// or none, are other work.
  @Test(arguments: [
    ("We're done with Aegis.", true, "done with"),
    ("We are dropping Tessaro at renewal.", true, "dropping"),
    ("We're ditching you.", true, "ditching"),
    ("We are migrating off Nimbusly to another platform over the next 60 days.", true, "migrating off"),
    ("After careful review, we are discontinuing our use of Brightgate products company-wide.", true, "discontinuing"),
    ("Tessaro is being phased out here.", true, "phased out"),
    ("Nimbusly has been dropped as our preferred vendor.", true, "dropped"),
    ("Your product has been removed from our approved software list.", true, "removed"),
    ("Calls keep dropping on the VPN.", false, ""),
    ("The failed disk was replaced yesterday.", false, ""),
    ("Please replace the sensor on host 12.", false, ""),
    ("Can we get rid of the errors in the console?", false, ""),
    ("We're done with the migration, thanks.", false, ""),
    ("We are phasing out the legacy agents.", false, ""),
    ("Sarah was moved to another team.", false, ""),
    ("We are replacing you with Tanium across the estate.", true, "replacing"),
    ("Dropped you an email yesterday, no reply yet.", false, ""),
    ("We're dropping 50 seats at renewal because of layoffs.", false, ""),
    ("We dropped the Premium plan and moved to Standard.", false, ""),
    ("We're pulling Tessaro off all 3,000 endpoints.", true, "pulling"),
    ("We removed Tessaro from the SQL cluster temporarily to rule it out.", false, ""),
    ("We're replacing Marco as the primary admin contact.", false, ""),
    ("We're phasing out CentOS 7 on the build servers.", false, ""),
    ("We've ruled out dropping Tessaro.", false, ""),
    ("We are not dropping Tessaro, mistakes happen.", false, ""),
  ])
  func leavingVerbsNeedTheServiceAsObject(text: String, intent: Bool, evidence: String) {
    expectIntent(text, intent, evidence)
  }

  /// Somebody else leaving is not the writer leaving, unless the writer is the nearer subject;
  /// "gone" and "leaving" state it at a clause's end or before a time, not before other words.
  @Test(arguments: [
    ("Our CEO forwarded an article saying companies are ditching Halvern.", false),
    ("One of our clients says they're done with Brightgate.", false),
    ("They told us we're switching to SentinelOne.", true),
    ("Customer confirmed they will not renew.", true),
    ("A client of ours asked whether they should move away from Nimbusly.", false),
    ("If we drop Tessaro, how long is our data retained?", false),
    ("What happens to our logs if we give notice?", false),
    ("Our IT lead has given notice, so please update the contact.", false),
    ("We've given notice on the Halvern contract.", true),
    ("I want out of this mailing list.", false),
    ("We need to find an alternative to the manual failover.", false),
    ("We're leaving you for Sophos.", true),
    // The service as the subject of a passive, or of "going ahead".
    ("The contract will not be renewed.", true), ("Our subscription won't be renewed.", true),
    ("The certificate will not be renewed.", false), ("Our renewal is not going ahead.", true),
    ("The upgrade is not going ahead.", false), ("Can we go ahead with the renewal?", false),
    ("We'd like to end our relationship.", true), ("This is our notice.", true),
    ("Halvern Cloud, the partnership ends here.", true), ("Our partnership ends with this term.", true),
    ("Long story short: we'll be gone by the end of our term.", true),
    ("One more incident like this and we're gone.", true),
    ("We're gone for the holidays until January.", false),
    ("We're leaving as soon as the contract lets us.", true),
    ("Our contract ends in April and we will not be continuing.", true),
    ("We won't be continuing with the rollout until the RCA is out.", false),
    ("As discussed, we won't be extending our agreement beyond 31/12.", true),
    ("We will not extend the trial.", false),
    ("I want out of this contract.", true),
    ("You've lost us.", true),
    ("We've chosen another partner for the next six years.", true),
    ("We've chosen another time slot for the call.", false),
    // Leaving at a time of the year; "stay" with how one stays; "leaving the company".
    ("You came third. We'll be leaving in December.", true),
    ("Management decided: we leave Ostrel.", true),
    ("We're leaving in five minutes for lunch.", false),
    ("I was ready to be angry, but your engineer was so helpful I couldn't stay mad.", false),
    ("Our CISO will be leaving the company next month, Sam will take over this case.", false),
    ("Is that one also bad or do we leave it?", false),
    ("Torvik Shipping giving notice, moving to Norrow.", true),
    ("Hello, we decide to stop use Pellix from next month.", true),
    // The terms of leaving asked about, and leaving asked about, are not leaving.
    ("Can you send me the cancellation terms in our contract?", false),
    // Alternatives looked at, in any form of the verb, unless they are to something else.
    ("Our CFO asked us to evaluate alternatives.", true), ("Management asked us to look at other vendors.", true),
    ("We will not evaluate alternatives.", false),
    ("We are looking at alternatives to the manual fix, any script you can share?", false),
    ("Our customer asked us to evaluate alternatives to their CRM.", false),
    ("We are evaluating alternatives to our current EDR.", true), ("We are evaluating alternatives to you.", true),
    ("We are looking at other vendors to replace you.", true),
    ("We are evaluating other solutions at the moment.", true), ("We are trialling competitors.", true),
    ("We wish to exercise the early termination clause under section 12.3.", true),
    ("What is the early termination fee?", false),
    ("Consider this our 90-day notice under the MSA.", true), ("What is the 90 day notice period?", false),
    // The writer saying they stay takes back the text's statements of leaving; staying a while,
    // or somebody else staying, does not.
    ("Spent the last week evaluating alternatives. We're staying.", false),
    ("We are staying. I know there were rumours that we'd move to Defender.", false),
    ("We'll stay until March, then we're moving to Sophos.", true),
    ("Our partners are staying. We are evaluating alternatives.", true),
    ("Now we're on ESET and honestly happier.", true), ("Now we're on the latest version.", false),
    ("We will not prolongate the contract.", true), ("We're going back to Sophos.", true),
    ("Let's go back to the console settings.", false),
    ("Our decision is to transition to Microsoft Defender for Endpoint.", true),
    ("We transition to the new console next week.", false),
    ("He say we must look for other solution.", true),
    ("We need to look for another solution to this boot loop.", false),
    ("We are looking at other solutions to the boot loop.", false),
    ("We're testing other tools for log parsing.", false),
    ("We'll be looking elsewhere at renewal.", true), ("It's time for us to find another provider.", true),
    ("We are reconsidering our relationship with Sentravia.", true),
    ("We are not reconsidering our relationship.", false),
    // The terms named in any case; a sentence break ends them.
    ("Please send me the cancellation Policy.", false), ("Termination FEES apply after March.", false),
    ("Cancellation. Fees are your problem.", true),
    ("What's the notice period for cancelling under our current agreement?", false),
    ("Some staff have been asking whether we should switch vendors.", false),
    ("We've started the RFP process for a replacement.", true),
    // The vendor as the subject of leaving.
    ("Drovan won't be in our stack next year.", true),
    ("drovan won't be part of our security stack after March.", true),
    ("Brightgate won't be part of our 2025 stack.", true),
    ("Tessaro has to go.", true), ("Your product has to go by Q2.", true),
    ("Kestrix didn't make the cut.", true), ("Corvane is out of our stack.", true),
    ("Sarah has to go to the dentist.", false), ("The printer won't be in our office.", false),
    ("I don't think Tessaro has to go.", false), ("If Tessaro is out of the picture, who replaces it?", false),
    ("Sarah is out, please contact me.", false),
    // In an account manager's note, "they" reported from the account's people or name is the account.
    ("Spoke with Dana at Aldergate; they confirmed they are moving to a competitor at renewal.", true),
    ("Aldergate confirmed they've moved to a competitor.", true),
    // A name with a word the lexicons hold only inside a phrase ("systems down") is still a name.
    ("Brightwater Systems confirmed they are moving to a competitor at renewal.", true),
    ("We need you to offboard us by March.", true),
    ("Cust notified us they're evaluating Sophos MDR as replacement.", true),
    ("Our board has decided to go ahead with another vendor.", true), ("We will go ahead with the upgrade.", false),
    ("We're already on our way out, so why the survey?", true),
    ("Quinlan Retail: CFO told me they're switching to SentinelOne after Q4.", true),
    ("A peer CISO said they're switching to SentinelOne.", false),
    ("Our reseller told us they are moving to a new distributor.", false),
    ("Sarah moved to another team.", false),
    ("Customer says they're done with us. Contract ends 31 Dec.", true),
    ("When you're done with us, please close the ticket.", false),
    // A leave-verb alone, opening its sentence, as notes and surveys put it.
    ("Leaving at end of contract. Nothing personal.", true), ("Gone at renewal.", true),
    ("Leaving early today, back Monday.", false), ("Sarah is leaving at the end of the month.", false),
    ("Leaving aside the outage, support was good.", false), ("Gone are the days of stable updates.", false),
    // Evaluating a competitor, as evaluating alternatives.
    ("Customer is evaluating SentinelOne, decision by end of Q3.", true),
    ("Our CISO asked for a formal evaluation of Sophos.", true),
    ("We've started the migration to Sophos Intercept X.", true),
    ("We're evaluating the new sensor version.", false), ("The migration to Windows 11 is done.", false),
    // Some of the service, or a part sold on top of it, is a downgrade.
    ("Please cancel the 20 add-on licenses for the Spain office, it closed.", false),
    ("Customer will not renew the threat intel add-on; core EDR renewal confirmed.", false),
    ("Cancel 50 seats please, we downsized.", false),
    ("We will cancel all 300 seats.", true), ("We will cancel our licenses.", true),
    ("We are cancelling our MDR service add-on and the core licences.", true),
    // Session 20's seventh reader: quantities and a vendor-word in the object of a move,
    // notice served on the vendor, tenders, "we're out", exiting at a time.
    ("WE ARE MOVING ALL 8000 ENDPOINTS TO DEFENDER.", true),
    ("We will be transitioning our endpoint security to another provider.", true),
    ("We're moving the log server to another datacenter.", false),
    ("We've given notice to Sentravia.", true), ("We gave notice to staff about the downtime.", false),
    ("No longer a customer after 31/12.", true),
    ("We are going out to market for EDR at renewal.", true), ("We have gone to tender.", true),
    ("The Company will not exercise the renewal option under Schedule 3.", true),
    ("We're out. Two days of downtime is two days too many.", true), ("We are out at renewal.", true),
    ("We're out of licences, can you add ten?", false), ("We are out for lunch, back at two.", false),
    ("Our decision, which is to exit at end of term, is final.", true),
    ("We will exit the building at 5 for the drill.", false),
    ("I need to talk to someone about terminating our subscription.", true),
    // A competitor taken on: its rollout, pilot or purchase order; a proof of concept with it.
    ("We already started the Defender rollout.", true), ("Defender E5 rollout begins next week.", true),
    ("By lunch she'd signed the Defender PO.", true),
    ("We are running a proof of concept with SentinelOne on 10% of the estate.", true),
    ("We'll terminate the Defender for Endpoint pilot.", false), ("We stopped the SentinelOne trial.", false),
    ("Our Defender deployment conflicts with your sensor.", false),
    ("Our Sophos pilot ended last year and we chose you.", false), ("The Defender trial was cancelled.", false),
    ("We use Defender alongside your EDR, is the Defender trial license a conflict?", false),
    ("Already piloting cortex on two sites.", true),
    // A move off the vendor, a move of a share, a contract signed, a competitor replacing it.
    ("Migrating 2k endpoints off Sentravia this month.", true),
    ("We are moving everything off your platform.", true),
    ("We're moving our endpoints away from you.", true),
    ("Moving workloads off AWS next month.", false), ("We're moving the VMs off Hyperion.", false),
    ("We moved 60% of our endpoints to Defender.", true), ("We moved most of our servers to Sophos last month.", true),
    ("We moved the meeting to Friday.", false), ("We migrated to SentinelOne in March.", true),
    ("We signed a contract with SentinelOne.", true),
    ("We signed the contract with your sales rep yesterday.", false),
    ("SentinelOne replaces Sentravia across all sites next quarter.", true),
    ("The new driver replaces the old one.", false),
    ("Our sister company migrated to Cynet and regretted it.", false),
    ("A peer of ours switched to SentinelOne last year.", false),
    // The product uninstalled or removed everywhere, not from one host or to be reinstalled.
    ("We're uninstalling your agent from every endpoint.", true),
    ("We pulled your sensor off every workstation.", true), ("We uninstalled Sentravia.", true),
    ("We have removed Sentravia from our environment.", true),
    ("Sentravia is being uninstalled company-wide.", true),
    ("How do I uninstall the agent from a single host?", false),
    ("Can I uninstall the sensor from all hosts and reinstall it?", false),
    ("Please send the uninstall token for host FIN-LT-223.", false),
    // Asked how, it is the incident's recovery; said in a sentence that asks something else, leaving.
    ("Can we uninstall your agent from all our servers?", false),
    ("How do I uninstall the sensor from every workstation?", false),
    ("We are uninstalling your agent from every endpoint, can you confirm the end date?", true),
    ("How do we cancel our contract?", true),
    // The renewal's paperwork declined.
    ("Don't bother sending a renewal quote.", true), ("Please stop sending us renewal reminders.", true),
    ("Please send the renewal quote by Friday.", false), ("Can you send us the renewal quote?", false),
  ])
  func otherPeopleAndOtherWordsOfLeaving(text: String, intent: Bool) {
    #expect(analyzer.analyze(text).churnIntent == intent, "\(text)")
  }

  @Test func competitorsAreFoundWithEvidence() {
    let text = "Honestly Palo Alto Networks never did this to us."
    let a = analyzer.analyze(text)
    #expect(a.competitorMentioned)
    #expect(a.competitorEvidence.map { TextAnalysis.text(of: $0, in: text) } == "Palo Alto Networks")
    #expect(a.aspects.isMentioned(.competitor))
    #expect(!analyzer.analyze("The palo verde tree.").competitorMentioned)
  }

  @Test func randomWordSoupNeverCrashesAndStaysInRange() {
    let vocabulary = [
      "not", "no", "never", "but", "great", "terrible", "outage", "voucher", "a", "joke", "slap", "in", "the", "face",
      "switch", "to", "SentinelOne", "Palo", "Alto", "renew", "cancel", "help", "please", "like", "$10", "!!!", "?",
      ",", ".", ":(", "😡", "🤦🏽‍♂️", "#WorstSupportEver", "@x", "don't", "could", "have", "been", "worse", "\n", "é",
      "kind", "of", "least", "at", "very", "pretty", "think",
      // Amounts, quotes and signs of irony, also glued to their neighbours.
      "'", "\"", "“", "”", "‘", "🙃", "oh", "whole", "ten", "dollars", "per", "/", "20%", "off", "thanks", "credit",
      "lost", "fee", "k", "Thanks!", "$1,200.50", "€5", "Yes",
      // Chat turns, at a line's start or not.
      "\nAgent:", "\nCustomer:", "Agent Sarah:", "\nVisitor:", "(Sentravia):", "\nAgent (x):", ">",
    ]
    var rng = SplitMix64(seed: 99)
    for round in 0..<1000 {
      let count = Int(rng.next() % 40)
      var text = ""
      for _ in 0..<count {
        text += vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
        if rng.next() % 4 != 0 { text += " " }
      }
      let a = analyzer.analyze(text)
      #expect(a.sentiment.compound >= -1 && a.sentiment.compound <= 1, "seed 99 round \(round): \(text)")
      for aspect in Aspect.allCases {
        #expect(abs(a.aspects[score: aspect]) <= 1, "seed 99 round \(round): \(text)")
      }
      if let r = a.churnIntentEvidence { #expect(r.lowerBound >= 0 && r.upperBound <= text.utf8.count) }
    }
  }

  /// With a model the tokenizer also hashes every word (for the model's features), without one
  /// it does not: the rules must not notice.
  @Test func analyzerWithAModelGivesTheRulesOnlyAnalysisPlusItsPrediction() throws {
    let model = try LinearSentimentModel(contentsOf: TextTestSupport.dataDirectory + "/models/sentiment.json")
    let withModel = TextAnalyzer(lexicon: lexicon, model: model)
    var rng = SplitMix64(seed: 7)
    let words = [
      "Support", "was", "GREAT", "but", "the", "$10", "voucher", "is", "a", "slap", "in", "face", "not", "renew",
      "www.example.com", "http://x.co/a", "extraordinarily", "disappointing", "don't", "café", "#WorstSupportEver",
      ",", ".", "!!", "?", "😡", ":(", "switch", "to", "SentinelOne", "please", "help", "thanks",
    ]
    for round in 0..<300 {
      let text = (0..<Int(rng.next() % 30)).map { _ in words[Int(rng.next() % UInt64(words.count))] }
        .joined(separator: round % 2 == 0 ? " " : "  ")
      var a = withModel.analyze(text)
      #expect(a.modelPrediction != nil)
      a.modelPrediction = nil
      #expect(a == analyzer.analyze(text), "seed 7 round \(round): \(text)")
      #expect(withModel.sentenceSentiments == analyzer.sentenceSentiments, "seed 7 round \(round): \(text)")
    }
  }

  /// Session 39's readings, from a twelfth reader's texts and an outside audit of `score`.
  @Test func session39Readings() {
    // Praise before a gerund mocks a bad thing in its clause only: "training" here is a noun.
    #expect(compound("Great training, tough exam!") > 0.05)
    #expect(compound("Great job breaking everything, guys.") < -0.05)
    // A field of the trade is no threat, and thanks for it are thanks; thanks for harm are not.
    #expect(compound("Thanks for the threat hunting webinar last week.") > 0.05)
    #expect(compound("The weekly threat intel email has got really good lately.") > 0.05)
    #expect(compound("Thanks for the outage.") < -0.05)
    #expect(compound("Thanks for the slap in the face.") < -0.05)
    // What worked before, and a fix told as done.
    #expect(compound("CPU usage sits at 40% since the hotfix. It was fine before.") < -0.05)
    #expect(compound("Support sorted this out in 20 minutes. Thank you!") > 0.05)
    // Left unanswered, with "never".
    let unanswered = analyzer.analyze("Support never answered my ticket.")
    #expect(unanswered.sentiment.compound < -0.05)
    #expect(unanswered.aspects[score: .support] < -0.05)
    // Leaving on a day of the year.
    #expect(analyzer.analyze("We will leave on 15 December.").churnIntent)
    #expect(analyzer.analyze("Formal notice: we have cancelled and will leave on 15 December.").churnIntent)
    #expect(!analyzer.analyze("We will leave on the table what we discussed.").churnIntent)
    // Leaving weighed, then staying: neither the intent nor its value stays.
    let stays = analyzer.analyze(
      "We looked at moving to Microsoft Defender after July and ran a six-week pilot. "
        + "In the end we're staying: your support team made the decision for us.")
    #expect(!stays.churnIntent)
    #expect(stays.sentiment.compound > -0.05, "\(stays.sentiment.compound)")
    let leaves = analyzer.analyze("We looked at moving to Microsoft Defender after July and ran a six-week pilot.")
    #expect(leaves.churnIntent && leaves.sentiment.compound < -0.05)
    // A competitor's @handle names it; any other handle stays out of the rules.
    let handle = analyzer.analyze("We moved 3,000 endpoints to @SentinelOne over the summer.")
    #expect(handle.churnIntent && handle.competitorMentioned)
    #expect(!analyzer.analyze("Thanks @united, great flight.").competitorMentioned)
    #expect(compound("@Sophos") == 0)
  }

  @Test func analyzerIsReusableAndGivesTheSameAnswer() {
    let texts = [
      "The outage was terrible!!!", "", "ok 😡", String(repeating: "great support. ", count: 500), "We will not renew.",
    ]
    let first = texts.map { analyzer.analyze($0) }
    let second = texts.map { analyzer.analyze($0) }
    #expect(first == second)
    let bytes = Array("We will not renew.".utf8)
    #expect(analyzer.analyze(bytes) == first[4])
  }
}
