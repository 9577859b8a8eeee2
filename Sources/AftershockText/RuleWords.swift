/// The closed word lists the rules use (VADER's negations and boosters, plus ours), with roles.
///
/// These are grammar, not valence, so they live in code like VADER's `NEGATE` and
/// `BOOSTER_DICT`; valences live in the user-editable lexicon files.
enum RuleWords {
  /// Verbal negations (VADER's `NEGATE` list); words ending in `n't` are
  /// recognised by the tokenizer as well.
  static let negators: [String] = [
    "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
    "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
    "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "nope",
    "not", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh",
    "wasn't", "weren't", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite", "isn", "doesn", "didn",
    "wasn", "aren", "weren", "hasn", "haven", "couldn", "wouldn", "shouldn",
    // Counterfactual modals: "should've been better", "could've been worse".
    "should've", "could've", "would've", "shoulda", "coulda", "woulda",
  ]

  /// Negations of existence ("no problems", "without issues", "nothing wrong"): negating a
  /// negative with these states an absence, which is neutral rather than praise.
  static let existentialNegators: [String] = [
    "no", "none", "nothing", "nobody", "nowhere", "without", "nor", "neither", "lack", "lacks", "lacking",
    "lacked", "zero",
  ]

  /// Intensifiers (VADER's B_INCR, +0.293).
  static let boostersUp: [String] = [
    "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
    "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
    "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
    "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
    "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
    "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
    "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very", "too", "super", "insanely",
    "ridiculously", "seriously", "pretty",
  ]

  /// Dampeners (VADER's B_DECR, -0.293).
  static let boostersDown: [String] = [
    "almost", "barely", "hardly", "kinda", "kindof", "less", "little", "marginal", "marginally", "occasional",
    "occasionally", "partly", "scarce", "scarcely", "slight", "slightly", "somewhat", "sorta", "sortof",
    "fairly", "mildly", "rather",
  ]

  /// Words after which the sentence's weight shifts (VADER's "but" rule).
  static let contrast: [String] = ["but", "however", "nevertheless", "nonetheless"]

  /// Words that may start a new clause when the aspect talked about changes.
  static let clauseJoiners: [String] = [
    "and", "while", "whereas", "plus", "also", "because", "since", "although", "though", "whilst",
  ]

  /// Words that mark a support request; in a request, thanks/help are politeness, not praise.
  static let requestMarkers: [String] = [
    "please", "pls", "plz", "kindly", "asap", "urgent", "urgently", "advance", "need", "needs", "request",
  ]

  /// Politeness words that are neutral inside a request ("thanks in advance").
  static let politeness: [String] = [
    "thanks", "thank", "thx", "appreciate", "appreciated", "ty", "tia", "gracias", "merci", "danke", "obrigado",
    "obrigada", "grazie", "dziekuje",
  ]

  /// The words of an e-mail's closing formula ("Best regards,", "Thanks in advance!", "All the
  /// best"): a sentence of these alone, in a text of several, is a sign-off, left out of the
  /// scores. `closingCore` are the ones a closing needs at least one of.
  static let closingWords: [String] = [
    "thanks", "thank", "thx", "ty", "tia", "you", "many", "much", "so", "very", "in", "advance", "again", "best",
    "regards",
    "regard", "rgds", "kind", "kindest", "warm", "warmest", "wishes", "cheers", "sincerely", "yours", "truly",
    "faithfully", "respectfully", "all", "the", "with", "and",
  ]
  static let closingCore: [String] = [
    "thanks", "thank", "thx", "ty", "tia", "best", "regards", "regard", "rgds", "wishes", "cheers", "sincerely",
    "faithfully", "respectfully",
  ]

  /// Words that open a greeting line ("Dear support,", "Hi team,"), and the second words of
  /// two-word openings ("Good morning,", "To whom it may concern,").
  static let greetingWords: [String] = ["dear", "hi", "hello", "hey", "hiya", "howdy", "greetings"]
  static let greetingSecondWords: [String] = ["morning", "afternoon", "evening", "whom"]

  /// Words before "help" that make it praise or its lack ("a great help", "of no help").
  static let helpContext: [String] = ["a", "of", "great", "big", "real", "huge", "much", "such", "very", "helpful"]

  /// Words before "like" that make it the verb ("I like", "really like"); elsewhere it is a
  /// preposition or filler ("looks like", "like a brick").
  static let likeSubjects: [String] = [
    "i", "we", "you", "they", "he", "she", "really", "also", "definitely", "do", "does", "did", "don't",
    "didn't", "doesn't", "dont", "didnt", "doesnt", "totally", "absolutely", "still", "actually", "always",
    "who", "people", "customers", "everyone", "users", "truly", "i've", "we've", "genuinely", "personally",
  ]

  /// Function words that do not use up the negation/booster window ("never had any large
  /// problems", "not a problem"): the window is three content words, not three tokens.
  static let functionWords: [String] = [
    "a", "an", "the", "any", "such", "this", "that", "these", "those", "my", "your", "our", "their", "his", "her",
    "its", "some", "all", "every",
  ]

  /// Verbs (and adjectives of belief) whose negation moves to the clause they introduce ("I
  /// don't think you will be disappointed", "I'm not sure a $10 gift card is appropriate").
  static let negationRaisers: [String] = [
    "think", "believe", "expect", "suppose", "imagine", "reckon", "sure", "convinced", "say",
  ]

  /// Modals that make a following "have" counterfactual ("should have been better").
  static let modals: [String] = ["would", "could", "should"]

  /// Adverbs that only intensify when a word follows ("pretty dry" is not praise).
  static let adverbOnlyBoosters: [String] = ["pretty"]

  /// Words after "not" that make it a focus marker, not a negation ("not only"), or eagerness
  /// ("can't wait to cancel").
  static let notNegating: [String] = ["only", "just", "merely", "wait"]

  /// Words that end an intent phrase's object, or say its verb has none ("we will cancel
  /// unless...", "we won't renew next year", "the subscription which renews in May"):
  /// prepositions, conjunctions, relative pronouns and adverbs of time, and the time nouns that
  /// follow "this", "next" or "last" ("we cancelled the contract last week"). A closed class; adverbs ("immediately", "company-wide") are passed
  /// over (`TextAnalyzer.isAdverb`).
  static let objectlessWords: [String] = [
    "with", "at", "by", "for", "from", "on", "off", "in", "to", "of", "into", "over", "after", "before", "until",
    "till",
    "since", "within", "without", "upon", "about", "through", "across", "and", "or", "but", "unless", "if", "when",
    "once", "because", "as", "so", "while", "whether", "though", "although", "than", "now", "today", "tomorrow",
    "tonight", "yesterday", "last", "asap", "soon", "anyway", "altogether", "outright", "right", "away", "too", "also",
    "then", "instead",
    "early", "already", "again", "ever", "effective", "next", "year", "years", "month", "months", "quarter",
    "quarters", "week", "weeks", "day", "days", "time", "term", "cycle", "period", "round", "here", "there",
    "under", "per", "pursuant", "via", "against", "during", "except", "including", "regarding", "towards",
    "toward", "beyond", "throughout", "which", "who", "whom", "whose", "where", "either", "neither", "please",
    "pls", "plz", "thanks", "thx",
  ]

  /// Words that, right before an intent phrase, say it did not happen ("we almost cancelled our
  /// contract", "we nearly switched to Sophos", "we decided against replacing Tessaro", "we've
  /// ruled out dropping Tessaro", "we considered switching to SentinelOne but stayed"; not "we
  /// will almost certainly cancel", "we are considering switching").
  static let hedges: [String] = ["almost", "nearly", "against", "out", "considered"]

  /// Verbs of causing between a hedge and an intent phrase: what nearly caused leaving did not
  /// ("The outage nearly led to termination of our contract", "almost caused a cancellation").
  static let causes: [String] = ["led", "caused", "forced", "triggered", "prompted"]

  /// Words passed over in an intent phrase's object, as function words are ("cancel our
  /// remaining 18 months", "the remaining term").
  static let objectModifiers: [String] = ["remaining", "outstanding", "current", "existing", "entire", "whole"]

  /// Heads of an object that read on past "of" ("the rest of the contract", "our use of Brightgate").
  static let partitives: [String] = ["rest", "remainder", "balance", "end", "part", "use", "usage"]

  /// Auxiliaries passed over between a passive verb and its subject ("Tessaro is being phased
  /// out", "Nimbusly has been dropped", "the contract won't be renewed", "our renewal is not
  /// going ahead").
  static let auxiliaries: [String] = [
    "is", "are", "was", "were", "be", "being", "been", "has", "have", "had", "will", "shall", "get", "gets",
    "getting", "got", "gotten", "'s", "'re", "not", "n't", "also", "now", "soon", "officially", "won't", "wouldn't",
    "isn't", "aren't", "wasn't", "weren't", "can't", "cannot", "shouldn't", "shan't", "going", "to", "go",
  ]

  /// Subjects that make a statement of leaving somebody else's ("they're done with Brightgate",
  /// "companies are ditching Halvern", "a big retailer dropped Quillon"), when nearer the
  /// statement than the writer ("we", "I").
  static let thirdPartySubjects: [String] = [
    "they", "they're", "they've", "they'll", "he", "he's", "he'll", "she", "she's", "she'll", "companies", "customers",
    "clients", "client", "others", "people", "someone", "somebody", "everyone", "everybody", "retailer", "retailers",
    "colleague", "colleagues", "friends", "peer", "peers", "sister", "firms", "businesses", "orgs", "organisations",
    "organizations",
    "partner", "partners", "reseller", "resellers", "msp", "msps", "users", "industry", "employer", "employers",
  ]

  /// The pronouns among `thirdPartySubjects`: after an account word they stand for the account.
  static let thirdPartyPronouns: [String] = [
    "they", "they're", "they've", "they'll", "he", "he's", "he'll", "she", "she's", "she'll",
  ]

  /// The account itself as a subject, in an account manager's notes ("Customer confirmed they
  /// will not renew"): a pronoun after it stands for it.
  static let accountSubjects: [String] = ["customer", "client", "account"]

  /// The vendor addressed as a subject ("you've lost us", "you lost our business").
  static let addressees: [String] = ["you", "you've", "you're", "you'll"]

  /// The writer as a subject: the nearest of these before a statement of leaving makes it the
  /// writer's own ("they told us we're leaving").
  static let firstPersonSubjects: [String] = [
    "we", "we're", "we've", "we'll", "we'd", "i", "i'm", "i've", "i'll", "i'd", "our", "my",
  ]

  /// Part of the service rather than all of it, as the object of a drop-verb ("we dropped the
  /// Premium plan", "removed the unused licences"): a downgrade, not leaving.
  static let partialObjects: [String] = [
    "plan", "plans", "tier", "tiers", "seat", "seats", "licence", "licences", "license", "licenses", "module",
    "modules", "add-on", "add-ons", "feature", "features", "user", "users",
  ]

  /// Words that make a place after a drop-verb's named object all of the service's ("pulling
  /// Tessaro off all 3,000 endpoints", "removed Pellucid from the approved vendor list", "dropped
  /// from our stack", "removed Sentravia from our environment"; not "removed Tessaro from the
  /// SQL cluster").
  static let wholeScope: [String] = [
    "all", "every", "entire", "whole", "each", "everywhere", "approved", "stack", "environment", "estate",
    "infrastructure", "fleet",
  ]

  /// Words that stand for an object named earlier ("please cancel it", "can you cancel this?").
  static let objectPronouns: [String] = ["it", "this", "that", "them"]

  /// Words that make a preceding number an amount of money ("10 dollars").
  static let currencyWords: [String] = [
    "dollars", "dollar", "bucks", "usd", "eur", "euro", "euros", "cents", "gbp", "quid", "pounds", "chf", "cad", "aud",
  ]

  /// Signs that a text means the opposite of its praise (`TextAnalyzer.ironicOffer`): faces of
  /// irony and contempt.
  static let ironyMarkers: [String] = ["🙃", "🙄", "😒", "🤡", "😏"]

  /// Laughter: at an offer, with no other praise in a text that asks nothing, it is scorn
  /// ("gift card lol", "lol they gave us a coupon"); otherwise it keeps its valence ("the hoodie
  /// is great quality lol", "is the voucher taxable? lol").
  static let laughter: [String] = [
    "lol", "lolol", "lool", "lmao", "lmfao", "rofl", "haha", "hahaha", "hahahaha", "hehe", "😂", "🤣",
  ]

  /// Words for a share of what is moved, passed over in the object of a move ("moved most of
  /// our servers to Sophos", "half our endpoints").
  static let shares: [String] = ["half", "most", "some", "many", "majority", "bulk", "rest", "remainder"]

  /// Nouns after a word of leaving that make it the terms of leaving ("the cancellation terms",
  /// "an early-termination fee").
  static let termsOfLeaving: [String] = [
    "terms", "term", "policy", "policies", "fee", "fees", "penalty", "penalties", "charge", "charges", "clause",
    "clauses", "period", "window", "conditions", "rights", "options", "provisions", "costs",
  ]

  /// The last words of `leave` phrases that name what the writer looks at instead ("evaluating
  /// alternatives", "looking at other vendors"): "to" after them may name something else
  /// (`TextAnalyzer.alternativesToOther`).
  static let alternatives: [String] = [
    "alternatives", "alternative", "options", "vendors", "providers", "solutions", "solution", "competitors",
    "products", "platforms", "suppliers",
  ]

  /// The writer's own in the object of leaving: "our 300 seats" before a count is all of them.
  static let firstPersonPossessives: [String] = ["our", "my"]

  /// Words that join a new clause to a negated one when the writer (`firstPersonSubjects`) or
  /// "will" follows them: the negation stays before them ("we're not happy and we are switching
  /// to Sophos", "we are not happy and will cancel", "we won't wait any longer so we're moving to
  /// Cynet").
  static let negationJoiners: [String] = ["and", "so"]
  static let clauseOpeningModals: [String] = ["will", "shall"]

  /// Words of leaving whose common misspellings read as they do (`TextLexicon.Builder
  /// .addMisspellings`): the verbs and nouns of cancelling, renewing and ending, and their objects.
  /// Words that rules compare by entry in lists of their own (`RuleWords.alternatives`,
  /// `TextAnalyzer.moveVerbs`) are not among them.
  static let misspelledWords: [String] = [
    "cancel", "cancelling", "canceling", "cancelled", "canceled", "cancellation", "renew", "renewing", "renewal",
    "terminate", "terminating", "terminated", "termination", "contract", "subscription", "switching",
    "considering", "evaluating",
  ]

  /// Words that a misspelling of `misspelledWords` makes, kept as what they are: "contact"
  /// ("contract" without its "r"), the name "Rene" ("renew" without its "w"). Checked against
  /// an English word list (web2 and GCIDE, 264,494 words): the misspellings' other matches are
  /// "canel" (a rare word for cinnamon, far more often "cancel" mistyped) and keys the lexicon
  /// already holds ("terminate", "cancelation").
  static let misspellingsThatAreWords: [String] = ["contact", "rene"]

  /// Words that may come before praise opening a sentence ("Oh good, another survey.", "Just
  /// great.", "How generous."): `TextAnalyzer.mockPraise`.
  static let praiseLeadIns: [String] = ["oh", "ah", "well", "just", "ok", "okay", "yeah", "wow", "so", "how"]

  /// The word after praise that opens a sentence by itself which makes it mock delight whatever
  /// follows: "Great, another outage.", "Oh good, another survey." (`TextAnalyzer.mockPraise`).
  static let mockPraiseCues: [String] = ["another"]

  /// Units of a stretch of time that, after a number and a verb of waiting, spending or taking,
  /// is a complaint ("It took five days.", "it's been 3 weeks", "we spent 30 hours fixing
  /// laptops"): `TextAnalyzer.elapsedTime`. Minutes count from half an hour, as a number
  /// ("it took 78 minutes to pull the update"; not "claiming it took 2 minutes").
  static let durationUnits: [String] = [
    "hour", "hours", "hr", "hrs", "day", "days", "night", "nights", "week", "weeks", "month", "months", "minutes",
    "mins", "weekend", "weekends",
  ]
  /// The verbs before such a stretch, in the past: the present tells how long something takes
  /// ("the credit takes a day to appear").
  static let durationVerbs: [String] = ["took", "taken", "been", "waited", "waiting", "spent", "spending", "wasted"]
  /// Words between the verb and the number: "took over 3 days", "took us a week", "spent nearly
  /// two days". "only", "just", "under" or "less than" there make the stretch short, no complaint.
  static let durationApproximators: [String] = ["over", "nearly", "almost", "about", "around", "roughly"]
  static let durationObjects: [String] = ["us", "me", "them", "everyone", "you"]
  /// Words between the number and the unit: "a full day", "two whole weeks".
  static let durationFillers: [String] = ["full", "whole", "entire"]
  /// What the writer could not do over a stretch of time ("We couldn't log in for three days.",
  /// "Nobody could work all weekend."), in the past: the present plans ("I can't attend for two
  /// weeks"). Words that deny an ability, "could" that "not" or "nobody" denies, and "unable"
  /// after "was"/"were" (`TextAnalyzer.elapsedTime`).
  static let inabilityWords: [String] = ["couldn't", "couldnt"]
  /// The present verb of a stretch asked about with "why" ("Why did it take 14 hours to get an
  /// update?"), a complaint where "How long does it take?" asks (`TextAnalyzer.elapsedTime`).
  static let takeWords: [String] = ["take", "takes"]
  static let abilityModals: [String] = ["could"]
  static let nobodyWords: [String] = ["nobody", "noone"]
  /// Counts of a stretch of time that are not numbers: "took a week", "several days", "a few
  /// hours".
  static let durationCounts: [String] = ["a", "an", "several", "few", "many", "couple"]

  /// Faults that act as subjects, beside the artefacts above: "the outage cancelled our
  /// bookings" is not the writer leaving (`TextAnalyzer.doneByAThing`).
  static let faultSubjects: [String] = ["outage", "incident", "bug", "crash", "glitch", "error", "failure"]

  /// Forms of "love" that praise a situation, sarcastic before a bad one ("I love how nobody
  /// told us anything": `TextAnalyzer.praisesABadSituation`).
  static let loveWords: [String] = ["love", "loving", "loves", "lovin"]

  /// A person's, before an object of leaving: "please remove his account" is not the service
  /// (`TextAnalyzer.object`).
  static let personalPossessives: [String] = ["his", "her"]

  /// A plan in the past before an intent phrase, "was/were going (about) to", which did not
  /// happen ("We were going to cancel, but the RCA convinced us to stay": `TextAnalyzer.hedged`).
  static let pastPlanWords: [String] = ["going", "about"]
  static let pastAuxiliaries: [String] = ["was", "were"]

  /// Words that open a concession ("Although the voucher was a nice gesture, it doesn't cover our
  /// losses."; "even though"): the clause they open weighs as what comes before "but".
  static let concessives: [String] = ["although", "though", "while", "whilst"]

  /// Words that, as a sentence of their own, accept rather than praise ("Voucher received.
  /// Fine.", "Sure."; VADER: +0.8, +1.3, +1.0).
  static let acknowledgements: [String] = ["fine", "sure", "alright"]

  /// Words that, as a sentence of their own, are a resigned or disbelieving complaint ("The link
  /// expired before I could use it. Typical.", "Whatever.", "Really?", "Seriously?").
  static let resignedRemarks: [String] = [
    "typical", "whatever", "really", "seriously", "figures", "fitting", "classic",
  ]

  /// Words between thanks and "for" ("thank you for", "thanks a lot for", "thanks so much for").
  static let thanksFillers: [String] = ["you", "a", "lot", "so", "much", "very"]

  /// "should have" in one word: what ought to have been done ("You should've warned us").
  static let oughtWords: [String] = ["should've", "shoulda"]
  /// "should not" in one word: with "have", what ought not to have been done.
  static let shouldNots: [String] = ["shouldn't", "shouldnt"]

  /// The words of a flat no answering a question ("No.", "Never.", "Not a chance.", "No way.",
  /// "Hell no.", "Absolutely not."); one of them must negate (`TextAnalyzer`'s `answeredFlatNo`).
  static let flatNo: [String] = [
    "no", "never", "nope", "nah", "not", "a", "chance", "way", "hell", "absolutely", "definitely", "certainly",
    "of", "course", "at", "all", "really",
  ]

  /// Verbs of praise that "can't ... enough" says are more than words can give ("can't recommend
  /// them enough", "cannot thank you enough").
  static let praisedEnough: [String] = ["recommend", "thank", "praise"]

  /// Words that make a fraction after them a date or a part, not a score ("on 3/10", "since
  /// 2/10", "the 7/10 release").
  static let beforeADate: [String] = [
    "on", "since", "by", "until", "till", "til", "from", "before", "after", "of", "dated", "due", "through", "thru",
    "to", "between", "the", "last", "next", "this", "that", "every",
  ]
  /// Words a score may have after it in its clause ("0/10 would not recommend", "2/10 stars",
  /// "9/10 for the response"); any other word makes the fraction a part ("3/5 servers").
  static let afterARating: [String] = [
    "would", "wouldn't", "stars", "star", "overall", "for", "from", "and", "but", "lol", "tbh", "honestly", "at",
    "best",
    "max", "maybe", "tops", "again", "rating", "score",
    // A comment starting after the score ("1/5 the discount is conditional", "2/10 we were
    // down for days", "4/5 your support was great"): what counts things has no determiner or
    // subject after the count ("3/5 servers").
    "the", "a", "we", "i", "you", "your", "our", "they", "it", "this", "that", "support", "product",
  ]

  /// Words that may follow praise opening a sentence in the same clause ("Great job, another
  /// outage.", "Nice timing."); any other word makes it praise of something ("Great support, awful
  /// communication.").
  static let praiseNouns: [String] = ["job", "work", "stuff", "news", "timing", "going"]

  /// Interjections that open mock delight ("oh great", "ah yes", "yeah right", "gee thanks")
  /// before a word of praise or assent, at the start of a sentence that names the offer.
  static let ironyInterjections: [String] = ["oh", "ah", "yeah", "gee"]

  /// Words of assent that follow an interjection in mock delight ("ah yes", "yeah right").
  static let ironyAssent: [String] = ["yes", "right", "sure", "wow"]

  /// Words that open a question: praise in a sentence that opens with one and asks is asked
  /// about, not given ("Is it safe to turn auto-updates back on?"); not in "Great job on the
  /// fix, can you also send the RCA?" or a tag question ("The free month is a nice touch,
  /// right?").
  static let questionOpeners: [String] = [
    "is", "are", "was", "were", "am", "can", "could", "do", "does", "did", "will", "would", "should", "shall", "may",
    "might", "has", "have", "had", "what", "what's", "how", "how's", "why", "when", "where", "who", "which", "whose",
    "any", "anyone", "anybody", "isn't", "aren't", "doesn't", "don't", "didn't", "can't", "won't", "wouldn't",
    "shouldn't", "hasn't", "haven't", "wasn't",
  ]
  /// Words passed over before a question's opener ("Hi Marcus, can you...", "So, is it...",
  /// "Quick question: does...").
  static let questionLeadIns: [String] = [
    "so", "and", "also", "ok", "okay", "btw", "but", "then", "quick", "question", "one", "more", "just", "sorry",
    "team", "all", "folks", "guys", "there",
  ]

  /// Words of a technical fault: in a text that asks for information or action they describe
  /// the problem asked about rather than judge ("Which log files should we collect from the
  /// hosts that crashed?", "Our SIEM stopped receiving events. Could this be related to the
  /// fix?"; `TextAnalyzer.describesTheProblem`).
  static let problemWords: [String] = [
    "stuck", "fails", "failed", "failing", "fail", "failure", "failures", "error", "errors", "faulty", "crashed",
    "crash",
    "crashes", "crashing", "broken", "blocking", "blocked", "block", "wrong", "stopped", "stops", "stop", "missing",
    "delayed", "delay", "delays", "disrupted", "interruption", "offline", "limited", "affected", "corrupt", "corrupted",
    "expired", "lost", "outdated", "invalid", "rejected", "timeout", "timeouts", "bsod", "bsods", "bluescreen",
    "bluescreens", "bootloop", "bootloops", "bootlooping", "freezes", "froze", "frozen", "hangs", "impacted",
    "unresponsive", "unstable",
  ]
  /// Things a fault is in, after "bad" ("the bad file", "the bad content update").
  static let artefacts: [String] = [
    "file", "files", "update", "updates", "content", "channel", "driver", "drivers", "build", "version", "versions",
    "patch", "image", "config", "configuration", "package", "installer", "release", "definition", "definitions",
    "signature", "signatures", "sensor", "agent", "data", "link", "key", "keys", "certificate",
  ]

  /// Verbs that dismiss the offer when "your" and the offer follow and they open their clause
  /// ("Keep your voucher.", "You can keep your $10 and fix your product."): a refusal with no
  /// negation (`TextAnalyzer.refusesOffer`).
  static let dismissVerbs: [String] = ["keep", "shove", "stick", "pocket"]

  /// Words that make a question naming the offer one asked in disbelief ("Is $10 really what our
  /// business is worth?", "What am I supposed to do with a gift card?", "Why do I have to open a
  /// ticket to get the credit?"); "who" counts before `RuleWords.disbeliefAfterWho`.
  static let disbeliefWords: [String] = ["really", "seriously", "supposed", "why"]
  static let disbeliefAfterWho: [String] = ["thought", "decided", "approved", "signed", "came"]

  /// Words that inflate the small amount after them ("a whole ten dollars", "a whopping 5%"); not
  /// "grand" ("a grand total of $40"). "generous" only before an amount of 20 or less in digits
  /// ("thanks for the generous $10"; "a generous $50 credit" is as often meant): `isIronySign`.
  static let amountInflaters: [String] = [
    "whole", "whopping", "massive", "huge", "princely", "lavish", "staggering", "generous",
  ]

  /// Words that make an amount beside them a price: paid, charged or sold ("we pay $28 per seat",
  /// "a $5 shipping fee", "we sell $15 t-shirts").
  static let chargeWords: [String] = [
    "cost", "costs", "costing", "pay", "paid", "paying", "pays", "charge", "charged", "charges", "charging", "fee",
    "fees", "fine", "fined", "bill", "billed", "invoiced", "price", "priced", "prices", "owe", "owed", "overcharged",
    "surcharge", "sell", "sells", "selling", "sold", "buy", "bought",
  ]

  /// Words that make an amount beside them a loss, neither the offer nor the price ("it cost us
  /// $80 in lost orders", "our average order is $40").
  static let lossWords: [String] = [
    "lost", "lose", "losing", "loss", "losses", "revenue", "sales", "order", "orders", "spent", "damages",
  ]

  /// Number words of at most a hundred: before a currency word they make an amount the size of
  /// an apology voucher ("ten bucks", "TWENTY DOLLARS").
  static let smallNumberWords: [String] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "hundred",
  ]

  /// The verb of "to make up for" a loss (`TextAnalyzer.amendsTurn`; the phrases and their
  /// valence are the domain lexicon's), and "up".
  static let amendsVerbs: [String] = ["make", "makes", "made", "making"]
  /// Words of falling short before it: "That almost makes up for the three weeks", "barely made
  /// up for it" judge the amends too small.
  static let shortOf: [String] = ["almost", "barely", "hardly", "scarcely", "nearly"]
  /// Intensifiers before it that, with a quantified loss after it, are sarcasm: "it really made up
  /// for the 36 hours I spent in the server room", "$10 totally makes up for the outage".
  static let amendsIntensifiers: [String] = [
    "really", "totally", "truly", "definitely", "certainly", "sure", "completely", "absolutely", "clearly",
  ]

  /// Words after an amount that make it large ("$40k", "£2.5m", "$3 million", "ten grand").
  static let amountMultipliers: [String] = [
    "k", "m", "mn", "bn", "b", "thousand", "thousands", "million", "millions", "billion", "grand",
  ]

  /// What an amount is charged per, after "a"/"an"/"per" ("$28 a seat", "$10 per month"): the
  /// amount is a price.
  static let rateUnits: [String] = [
    "seat", "user", "endpoint", "device", "host", "machine", "node", "agent", "sensor", "licence", "license",
    "employee", "head", "month", "year", "week", "day", "hour", "server", "workstation", "mailbox",
  ]
}
