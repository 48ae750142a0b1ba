"""Whether a sentence after a final answer leaves it unsettled without calling it wrong, read by its form.

The retraction and doubt-word rules read a sentence that calls the answer wrong or the writer unsure. A writer
also leaves the answer open, in a clause of its own, by saying:

- that another source of a value does not agree: a negated verb of agreement ("The other method doesn't agree.",
  "This doesn't match my estimate.", "Something doesn't add up."), a verb of disagreeing with a source of a value
  as its subject ("The two approaches disagree."), another outcome ("The simulation gives something slightly
  different.", "The key says otherwise."), or two results the writer cannot reconcile;
- that the answer looks implausible: a verb of seeming with a size, an ease or an oddity ("That seems low.",
  "That looks too easy."), a degree of excess ("This is suspiciously large."), the writer's suspicion ("I'm
  suspicious.");
- that the problem may mean something else: a modal, a verb of meaning and "else" or "different" ("The question
  might be asking for something else."), the problem called ambiguous or unclear, the answer said to depend on
  a reading ("It depends on whether …"), another case solved ("I solved it for 4 people instead of 5."), or a
  question on what counts ("Should the endpoints count?", read by the caller with its reply);
- that the answer holds only for the time being: "for now", "tentatively", a plan to come back to it ("I'll
  revisit this later.", "I should double-check this."), an open verdict ("The jury is still out.", "I'm
  second-guessing this.", "I can't rule out an error.", "Not a hundred percent on this.");
- a disclaimer or a request that someone check it ("This answer has not been verified.", "Please verify this
  result.", "Double-check with your teacher.", "A second opinion would be wise.", "I can make mistakes.").

Each form is read in its clause: a condition before it ("If the methods don't agree, …", "Let me know if anything
is unclear."), a negation right before it ("There's no ambiguity.") or a contrast after it that endorses the answer
("That seems low, but it checks out.") leaves the answer standing. A check that agrees ("The other method
agrees.", "This matches my estimate."), a report of work ("I verified this by substitution.") and a pointer to a
check ("You can verify this by substitution.") hold none of the forms.

Sentences arrive with their math masked (:func:`rlvr.verifiers.extract._mask_math`); every pattern is linear-time
(bounded repeats, possessive quantifiers) on a sentence of bounded length.
"""

from __future__ import annotations

import re

#: the longest sentence read (characters): the caller's sentences are shorter
_MAX_CHARS = 600
_SPACES = re.compile(r"\s++")
#: "that's", "it's": the copula spelled out, so one pattern reads both forms
_PRONOUN_IS = re.compile(r"\b(that|this|it|what)'s\b")
#: a negated auxiliary or modal
_NEG = (
    r"(?:doesn't|does not|don't|do not|didn't|did not|won't|will not|can't|cannot|can not|couldn't|could not"
    r"|wouldn't|would not|isn't going to|never)"
)
#: degree words between a verb and what it says ("doesn't quite agree", "seems a bit low")
_DEGREE = (
    r"(?:quite|really|exactly|fully|entirely|completely|totally|slightly|somewhat|rather|pretty|very|a bit|a little"
    r"|a tad|kind of|kinda|sort of|way|far|awfully|unusually|surprisingly|oddly|suspiciously|still)"
)
#: nouns and pronouns that stand for another source of a value, the subject of a verb of disagreeing ("the other
#: method", "my estimate", "the answer key", "the two results", "they"); a root or a case is not one
_SOURCE = (
    r"(?:method|methods|approach|approaches|way|ways|check|checks|cross-check|estimate|estimates|estimation"
    r"|simulation|simulations|calculation|calculations|computation|computations|derivation|derivations|formula"
    r"|formulas|key|textbook|book|reference|references|results|answers|numbers|figures|totals|sums|counts|tallies"
    r"|recount|verification|code|program|script|enumeration|intuition|gut|model|graph|plot|table|data|attempt"
    r"|attempts|pass|run|runs|try|trial|trials|they|my|our)"
)

#: a negated verb of agreement: "doesn't agree", "don't quite match", "doesn't add up", "won't reconcile"
_DISAGREES_NEGATED = re.compile(
    rf"\b{_NEG}(?: {_DEGREE}| seem to| appear to){{0,2}}+ (?:agree|match|add up|tally|square|line up|check out"
    r"|reconcile|jibe|jive|cohere|hold up|hold together|sit right|feel right|look right|seem right|corroborate"
    r"|fit together)\b"
)
#: "this doesn't make sense", "it makes no sense": said of the answer, not of a rejected value ("A negative length
#: doesn't make sense.")
_NO_SENSE = re.compile(
    r"\b(?:this|that|it|something|the (?:answer|result|number|value|total))(?: still)? (?:(?:doesn't|does not"
    r"|didn't|did not)(?: quite| really)? make (?:much |any )?sense|makes? (?:no|little) sense)\b(?! to\b)"
)
#: a verb of disagreeing or differing ("disagree", "conflicts", "contradicts", "differ", "at odds"), said by a
#: :data:`_SOURCE` before it in its clause
_DISAGREES = re.compile(
    r"\b(?:disagree|disagrees|disagreed|conflict|conflicts|conflicted|contradict|contradicts|contradicted|differ"
    r"|differs|differed|clash|clashes|clashed|diverge|diverges|diverged|are at odds|is at odds)\b"
    r"(?! (?:in|by|only|from one)\b)"
)
_SOURCE_WORD = re.compile(rf"\b{_SOURCE}\b")
#: a noun or adjective of disagreement, standing alone ("There's a discrepancy.", "The results are inconsistent.")
_DISCREPANCY = re.compile(
    r"\b(?:discrepanc(?:y|ies)|mismatch(?:es)?+|inconsistent|inconsistency|inconsistencies|contradictory)\b"
)
#: another outcome from a source: a verb of giving or saying and something different ("gives something slightly
#: different", "yields a different answer", "comes out different", "says otherwise")
_OTHER_OUTCOME = re.compile(
    r"\b(?:gives?|gave|giving|yields?|yielded|gets?|got|getting|produces?|produced|returns?|returned|says?|said"
    r"|shows?|showed|suggests?|suggested|comes? out|came out|lands? on|landed on|points? to|pointed to"
    r"|ends? up (?:with|at)|ended up (?:with|at)|arrives? at|arrived at|predicts?|predicted|indicates?|indicated"
    r"|reads?|outputs?|claims?|claimed|states?|stated|thinks?|argues?|argued|insists?|insisted|implies|implied"
    r"|proves?|proved|has it|had it)(?: me| us)? (?:something (?:" + _DEGREE + r" )?(?:else|different)"
    r"|(?:an? )?(?:" + _DEGREE + r" )?different (?:answer|result|value|number|total|count|figure|sum|outcome"
    r"|estimate|one|thing)s?+|otherwise|(?:" + _DEGREE + r" )?different(?= from\b|[ .!,;)]|$))"
)
#: two results the writer cannot reconcile or choose between ("I can't reconcile them.", "I don't know which is
#: right."): read in a sentence with values too
_IRRECONCILED = re.compile(
    r"\b(?:can't|cannot|can not|couldn't|could not|unable to|failed to|fail to|don't know how to|not sure how to"
    r"|haven't been able to|no way to)(?: quite| fully| really)? (?:reconcile|square) (?:them|the two|this|that"
    r"|these|those|both|it|the (?:two|discrepancy|difference|mismatch|conflict|gap|results|answers|methods))\b"
    r"|\b(?:don't|do not|can't|cannot|not sure|unsure|no idea) (?:know |tell |decide )?which (?:one |answer "
    r"|result |method |value |number )?(?:is|to) (?:right|correct|trust|believe|pick|choose|go with|use)\b"
)
#: a subject that refers to the answer ("that", "the result", "my answer")
_ANSWER_SUBJECT = (
    r"(?:this|that|it|which|the (?:answer|result|number|value|total|count|figure|estimate|sum)"
    r"|my (?:answer|result|number|value|total|count|estimate|sum))"
)
#: what an answer that looks implausible is called ("low", "fishy"): said with a verb of seeming ("That seems
#: low."); an ease or a neatness only with a degree of excess ("That seems too easy.", "suspiciously neat")
_IMPLAUSIBLE_WORD = (
    r"(?:low|high|small|large|big|huge|tiny|short|long|few|many|cheap|expensive|strange|weird|suspicious|fishy"
    r"|unlikely|implausible|unrealistic|improbable|questionable|dubious|funny|surprising|counterintuitive|off)"
)
#: oddities that doubt the answer after a plain copula too ("That's suspicious.", "This is strange.")
_ODD = r"(?:suspicious|fishy|dubious|questionable|implausible|unlikely|unrealistic|improbable|strange|weird)"
_TOO_WORD = r"(?:easy|simple|neat|clean|round|fast|quick|slow|much|little|good to be true)"
_EXCESS = r"(?:too|way too|far too|much too|suspiciously|implausibly|unrealistically|unreasonably|absurdly)"
_SEEMING = r"(?:seems?|seemed|looks?|looked|feels?|felt|sounds?|sounded|appears?|appeared|strikes me as)(?: to be)?"
#: the answer said to seem implausible ("That seems low.", "This looks too easy.", "It feels a bit high.") or
#: to be so by a degree of excess ("This is suspiciously large.", "That's way too high.")
_IMPLAUSIBLE = re.compile(
    rf"(?:\b{_ANSWER_SUBJECT}(?: still| just| kind of| sort of)? |^)(?:{_SEEMING}(?: {_DEGREE}){{0,2}}+ "
    rf"{_IMPLAUSIBLE_WORD}|(?:{_SEEMING}|is|was)(?: a bit| a little| rather| kind of)? {_EXCESS} "
    rf"(?:{_IMPLAUSIBLE_WORD}|{_TOO_WORD})|(?:is|was)(?: a bit| a little| rather| kind of)? {_ODD})\b"
    r"(?! (?:that|to)\b)|\btoo good to be true\b"
)
#: an explanation right after a form: the writer says why the answer looks so ("It seems large because …")
_EXPLAINED = re.compile(r" (?:because|since)\b")
#: the writer's suspicion ("I'm suspicious.", "That makes me skeptical.", "I suspect an error.")
_SUSPICION = re.compile(
    r"\b(?:i am|i feel|i remain|i stay|makes me|making me|leaves me|left me|i'm)(?: still)?(?: "
    + _DEGREE
    + r")? (?:suspicious|skeptical|sceptical|wary|uneasy|leery|unconvinced|nervous|worried|hesitant)\b"
    r"|\bi suspect (?:an?|that|something|i|we|there|this|it|the|my)\b|\bi (?:dis|mis)trust\b"
)
#: the problem may mean something else: a modal or an adverb of possibility, up to three words, a verb of
#: meaning or wanting, and "something else", "a different …", "another …", "otherwise" ("The question might be
#: asking for something else.", "Maybe the problem wants a different form.", "It could mean something different.")
_OTHER_MEANING = re.compile(
    r"\b(?:might|may|could|possibly|perhaps|maybe|probably|likely|actually|really|instead)(?: [\w'-]++){0,3}? "
    r"(?:be asking|asking|ask|asks|intend|intends|intended|intending|mean|means|meant|want|wants|wanted|wanting"
    r"|expect|expects|expected|expecting|be looking|be after|have in mind|had in mind|be referring|refer|refers"
    r"|require|requires|call for|calls for)(?: for| to| us to| me to| by)?(?: [\w'-]++){0,4}? "
    r"(?:something (?:else|different)|anything else|else|a (?:slightly |completely )?different [\w'-]++"
    r"|another [\w'-]++|otherwise|different [\w'-]++)\b"
    r"|\b(?:might|may|could|can) (?:also |well )?be (?:read|interpreted|understood|meant|taken|parsed|intended)"
    r" (?:differently|otherwise|another way|in another way|in (?:two|several|different|other) ways"
    r"|(?:two|several|different|other) ways)\b"
)
#: the problem called ambiguous or unclear ("The problem statement is ambiguous.", "Unclear whether this accounts
#: for the overlaps.", "The wording is vague.")
_AMBIGUOUS = re.compile(
    r"\b(?:ambiguous|ambiguity|ambiguities|ambiguously|underspecified|under-specified|underdetermined|ill-posed"
    r"|ill-defined|open to (?:interpretation|debate|question)|unclear|vague|(?:not|isn't) (?:entirely |quite )?"
    r"clear|(?:not|isn't) (?:obvious|certain) (?:whether|if|what|how|which))\b"
)
#: the answer said to depend on a reading ("It depends on whether the boxes are distinguishable.", "depending on
#: the interpretation"), or only "It depends." ("It depends only on n." names a variable)
_DEPENDS = re.compile(
    r"\b(?:depends|depend|depending|dependent|hinges?|hinging) on (?:whether|if|how|what|which|who|when"
    r"|the (?:interpretation|reading|convention|definition|assumptions?|wording|phrasing|context|intended|intent)"
    r"|interpretation|your (?:interpretation|reading|convention|definition|assumptions?)|one's|the problem's)\b"
    r"|^(?:(?:well|but|though|hmm|then again|of course) )*+(?:it|that|this|the answer|the result)(?: all| really)? "
    r"depends[ .!]*+$"
)
#: another case solved: a verb of solving, up to six words, "instead of" or "rather than" and a value ("I solved
#: it for 4 people instead of 5.", "computed for n = 0 rather than 6"), or "a different question" answered: read
#: in a sentence with values
_OTHER_CASE = re.compile(
    r"\b(?:solved|computed|calculated|answered|counted|found|did|worked out|evaluated|figured out|used|assumed)"
    r"(?: [\w'=-]++){0,6}? (?:instead of|rather than) (?:[\w'-]++ ){0,2}?\d"
    r"|\b(?:solved|answered|computed|calculated|did|found) (?:a|the) (?:different|wrong|other) (?:question|problem"
    r"|case|version|quantity|thing)\b"
)
#: a frame of time: the answer holds for now ("Let's go with that for now.", "tentatively", "pending review");
#: "That's all for now." and "Bye for now." close the reply instead
_FOR_NOW = re.compile(
    r"\bfor (?:now|the (?:time being|moment(?! of\b)))\b|\b(?:tentative(?:ly)?+|provisional(?:ly)?+)\b"
    r"|\bpreliminary (?:answer|result|value|estimate|figure|number|count|total)\b"
    r"|\bpending (?:review|verification|confirmation|a (?:check|review|recount))\b"
    r"|\bsubject to (?:change|revision|verification|confirmation|review)\b"
    r"|\bnot (?:yet )?(?:final|definitive|settled|set in stone)\b|\bworking (?:answer|hypothesis|guess)\b"
)
_SIGN_OFF = re.compile(r"(?:\b(?:all|everything|enough|bye|goodbye)|\bis it) $")
#: a plan to come back to the answer ("I'll revisit this later.", "Need to circle back to this.", "Let me look at
#: this again tomorrow.")
_FUTURE = (
    r"(?:i'll|i will|i'd|i would|i should|i need to|i must|i have to|i want to|i plan to|i ought to|i'm going to"
    r"|i am going to|i'm gonna|we'll|we will|we should|we need to|will|should|need to|needs to|must|have to"
    r"|going to|gonna|plan to|let me|let's|let us)"
)
#: :data:`_FUTURE` without "let me", which checks now ("Let me check this again: …")
_PLAN = _FUTURE.replace("|let me|let's|let us", "")
_REVISIT = re.compile(
    rf"\b{_FUTURE}(?: (?:probably|definitely|still|really|also|maybe|have to|need to|want to)){{0,2}}+ "
    r"(?:(?:revisit|re-visit|come back to|get back to|return to|circle back to|re-examine|reexamine|re-evaluate"
    r"|reevaluate|sleep on) (?:this|it|that|these|my (?:answer|work|result)|the (?:answer|result|count|math"
    r"|arithmetic|calculation))\b|circle back\b|(?:look (?:at|into|over)|go (?:over|through)) (?:this|it|that"
    r"|the [\w'-]++) again\b)"
)
#: a plan to check the answer later or not yet done ("I should double-check this.", "Will verify later.", "Let me
#: check this again tomorrow."); "Let me verify: …" checks it now and is read by what follows
_CHECK_VERB = (
    r"(?:double-check|double check|check|verify|confirm|recheck|re-check|re-verify|validate|proofread)(?! out\b)"
)
_CHECK_LATER = re.compile(
    rf"\b{_PLAN}(?: (?:probably|definitely|still|really|also|maybe|have to|need to|want to|carefully))"
    rf"{{0,2}}+ {_CHECK_VERB}(?: [\w'-]++){{0,4}}? (?:later|again|tomorrow|afterwards|another time|more carefully"
    r"|properly|when i|once i|before (?:submitting|finalizing|trusting|using))\b"
    rf"|\b(?:i'll|i will|i should|i need to|i must|i have to|i ought to|we should|we need to|should|need to"
    rf"|needs to|must|have to)(?: (?:probably|definitely|still|really|also))? {_CHECK_VERB}"
    r"(?: (?:this|that|it|my (?:work|answer|math|arithmetic)|the (?:answer|result|arithmetic|math|count)))?[ .!]*+$"
)
#: an open verdict ("The jury is still out.", "I'm second-guessing this.", "I can't rule out an error.", "I'm not
#: fully convinced.", "Don't hold me to it.")
_OPEN_VERDICT = re.compile(
    r"\bjury(?:'s| is| was)? (?:still )?out\b|\bup in the air\b|\bon the fence\b|\bsecond[- ]?guess(?:ing|ed|es)?+\b"
    r"|\bsecond thoughts\b|\bremains? to be (?:seen|verified|checked|confirmed)\b|\bopen question\b"
    r"|\b(?:can't|cannot|can not|couldn't|could not|won't) (?:completely |fully |entirely )?(?:rule out|exclude"
    r"|eliminate|dismiss) (?:an? |some |the possibility of (?:an? |some )?|that (?:i|we|there) )?(?:errors?"
    r"|mistakes?|slips?|bugs?|miscounts?|miscalculations?|oversights?|typos?|possibility|made|missed|might|may"
    r"|is|are)\b"
    r"|\bnot (?:fully |entirely |completely |totally |quite |yet )?(?:convinced|sold)\b|\bunconvinced\b"
    r"|\bdon't hold me to\b|\bhalf[- ]sure\b"
)
#: negated certainty as a share without a word of certainty after it ("Not a hundred percent on this.", "not
#: 100% sold"): read in a sentence with values too
_NOT_FULL_SHARE = re.compile(
    r"\bnot (?:a hundred|one hundred|100) ?(?:percent|per cent|%)(?: (?:on|about|sold|convinced|positive|there)\b"
    r"|[ .!)]*+$)"
)
#: the answer said not to have been checked ("This answer has not been verified.", "not yet independently
#: confirmed")
_UNCHECKED = re.compile(
    r"\b(?:not|never|hasn't|haven't|wasn't|isn't|aren't|weren't)(?: (?:been|yet|fully|independently|properly"
    r"|actually|carefully|formally|thoroughly|rigorously|really|personally|manually|externally|separately)){0,3}+"
    r" (?:verified|checked|double-checked|cross-checked|confirmed|validated|tested|proofread|reviewed|vetted"
    r"|audited)\b"
)
#: a request that someone check the answer ("Please verify this result.", "You may want to double-check.",
#: "Double-check with your teacher.", "I'd recommend verifying.", "It's worth double-checking.")
_CHECK_REQUEST = re.compile(
    rf"\b(?:please|pls|plz|kindly)(?: [\w'-]++)?? {_CHECK_VERB}\b"
    r"|\b(?:you|one|the reader|readers)(?: may| might| should| would| will| ought to| must| need to|'ll|'d)"
    rf"(?: (?:want|wish|like|need) to)?(?: (?:also|still|probably|definitely|independently|carefully))? {_CHECK_VERB}\b"
    rf"|\b(?:{_CHECK_VERB}|consult|ask|run it by|compare)(?: (?:this|that|it|the answer|the result|your answer"
    r"|this answer|the work))? (?:with|against|by) (?:your |a |an |the |another |some |someone|somebody)"
    r"(?:[\w'-]++ )?(?:teacher|tutor|instructor|professor|prof|expert|friend|classmate|peer|person|human"
    r"|mathematician|source|reference|textbook|answer key|key|calculator|solution manual|else)\b"
    r"|\b(?:consult|ask) (?:your|a|an) (?:[\w'-]++ )?(?:teacher|tutor|instructor|professor|expert|mathematician)\b"
    r"|\b(?:recommend|suggest|advise|encourage|urge)(?:s|ed)? (?:that you |you to |you )?(?:verifying|checking"
    r"|double-checking|rechecking|confirming|cross-checking|validating|verify|check|double-check|confirm"
    r"|getting a second|an independent|independent)\b"
    r"|\b(?:worth|wise|advisable|prudent|a good idea|best|recommended|sensible|smart)(?: to)? (?:verify|verifying"
    r"|check|checking|double-check|double-checking|recheck|rechecking|confirm|confirming|cross-check"
    r"|cross-checking|getting a second)\b"
    r"|\b(?:second|another|independent|outside|expert) (?:opinion|pair of eyes|set of eyes)\b"
)
#: a check verb opening a clause as an imperative ("Double-check before submitting.", "…; verify independently.")
_IMPERATIVE_CHECK = re.compile(
    rf"(?:^|[,;:(\u2014\u2013] |-- |\bso |\band )(?:(?:but|though|still|also|just) )?{_CHECK_VERB}"
    r"(?= (?:before|independently|yourself|carefully|this|that|it|your|my|the answer|the result|everything))"
)
#: a pointer that says how to check it ("… by substitution", "… using the formula"): a check, not a request
_HOW = re.compile(r"(?: [\w'-]++){0,4}? (?:by|using|via|through)\b")
#: a disclaimer that the writer or a machine errs ("I can make mistakes.", "AI can make errors.")
_FALLIBLE = re.compile(
    r"\b(?:i|ai|ais|models?|assistants?|language models?|llms?|chatbots?)"
    r"(?: (?:can|do|sometimes|often|occasionally|still|also)){1,2}+ (?:make|makes|produce|get|err)"
    r"(?: [\w'-]++)? (?:mistakes?|errors?|things wrong)\b"
)
#: words that make a form that follows them in its clause conditional or addressed to the reader ("If the methods
#: don't agree, …", "Let me know if anything is unclear.", "unless stated otherwise")
_CONDITIONAL = frozenset("if unless whether when whenever once otherwise suppose supposing assuming lest you".split())
#: negations that turn a form right after them into its denial ("no ambiguity", "nothing is unclear")
_NEGATIONS = frozenset("no not never hardly without nothing none nor".split())
_MODALS = frozenset("might may could would can will".split())
#: words that make an outcome one of many cases of the problem ("Each child gets a different number.")
_DISTRIBUTIVE = frozenset("each every per everyone everybody".split())
#: a contrast after a form that endorses the answer ("That seems low, but it checks out.")
_ENDORSING_CONTRAST = re.compile(
    r"\b(?:but|yet|though|although|however|still)\b(?: [\w'-]++){0,5}? (?:right|correct|checks out|holds|consistent"
    r"|verified|confirmed|fine|ok|okay|plausible|reasonable|makes sense|works|indeed|true|valid|agrees|matches"
    r"|stands|stand by|because|resolves|resolved|settles|settled|clarifies|clarified|clear)\b"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|--")
_WORD = re.compile(r"[\w'-]++")


def _normal(sentence: str) -> str:
    """``sentence`` lower-cased, curly apostrophes straightened, "that's" spelled "that is", spaces collapsed."""
    s = sentence[:_MAX_CHARS].lower().replace("\u2019", "'").replace("\u2018", "'")
    s = _PRONOUN_IS.sub(r"\1 is", s)
    return _SPACES.sub(" ", s).strip(" *_>#")


def _clause_before(s: str, start: int) -> list[str]:
    """The words of ``s`` from the start of the clause holding ``s[start]`` up to it."""
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(s, 0, start)), default=0)
    return _WORD.findall(s, lo, start)


def _holds(s: str, m: re.Match[str], source: bool = False, besides: frozenset[str] = frozenset()) -> bool:
    """The form matched by ``m`` in ``s`` stands: no condition or reader before it in its clause (nor a word of
    ``besides``), no one's hypothetical ("One might expect something else."), no negation right before it, no
    endorsing contrast after it, and (``source``) a source of a value before it in its clause."""
    before = _clause_before(s, m.start())
    opening = before[1:] if before[:1] == ["whether"] else before  # "Whether the endpoints count is unclear."
    if _CONDITIONAL.intersection(opening) or besides.intersection(before):
        return False
    reach = before + _WORD.findall(s, m.start(), m.start() + 12)[:1]
    if any(a == "one" and b in _MODALS for a, b in zip(reach, reach[1:])):
        return False
    if any(w in _NEGATIONS or w.endswith("n't") for w in before[-4:]):
        return False
    if source and not _SOURCE_WORD.search(" ".join(before)):
        return False
    return _ENDORSING_CONTRAST.search(s, m.end()) is None


def _found(pattern: re.Pattern[str], s: str, source: bool = False, besides: frozenset[str] = frozenset()) -> bool:
    return any(_holds(s, m, source, besides) for m in pattern.finditer(s))


def _sign_off(s: str, m: re.Match[str]) -> bool:
    """The "for now" of ``m`` closes the reply ("That's all for now.", "Bye for now.")."""
    return m.group(0).startswith("for ") and _SIGN_OFF.search(s, max(0, m.start() - 12), m.start()) is not None


def _requests_check(s: str) -> bool:
    """A request that someone check the answer, not a pointer that says how ("You may want to verify it by
    substitution." points to a check)."""
    for pattern in (_CHECK_REQUEST, _IMPERATIVE_CHECK):
        for m in pattern.finditer(s):
            if _holds(s, m) and _HOW.match(s, m.end()) is None:
                return True
    return False


def unsettles_with_values(masked: str) -> bool:
    """``masked`` (a sentence after the answer, math masked, values kept) leaves the answer unsettled by a form
    that may hold values: a frame of time ("Sticking with 24 for now."), two results not reconciled ("A second
    method yields 25, and I can't reconcile them."), another case solved ("I solved it for 4 people instead of
    5."), a certainty short of full ("Not 100% on this.")."""
    s = _normal(masked)
    if any(_holds(s, m) and not _sign_off(s, m) for m in _FOR_NOW.finditer(s)):
        return True  # "Sticking with 24 for now."
    return _found(_IRRECONCILED, s) or _found(_OTHER_CASE, s) or _found(_NOT_FULL_SHARE, s)


def unsettles(masked: str) -> bool:
    """``masked`` (a value-free sentence after the answer, math masked) leaves the answer unsettled by its form
    (see the module's docstring)."""
    s = _normal(masked)
    if not s:
        return False
    if _found(_OTHER_OUTCOME, s, besides=_DISTRIBUTIVE):
        return True
    if any(_holds(s, m) and not _EXPLAINED.match(s, m.end()) for m in _IMPLAUSIBLE.finditer(s)):
        return True
    for pattern in (
        _DISAGREES_NEGATED,
        _NO_SENSE,
        _DISCREPANCY,
        _SUSPICION,
        _OTHER_MEANING,
        _AMBIGUOUS,
        _DEPENDS,
        _REVISIT,
        _CHECK_LATER,
        _OPEN_VERDICT,
        _UNCHECKED,
        _FALLIBLE,
    ):
        if _found(pattern, s):
            return True
    if unsettles_with_values(masked):
        return True
    return _found(_DISAGREES, s, source=True) or _requests_check(s)


#: a question on what the problem counts or means ("Should the endpoints count?", "Does order matter?", "Are the
#: boxes distinguishable?", "What if the boxes are identical?"); not one to the reader ("Do you want more?")
_INTERPRETING_LEAD = frozenset(
    "should does do did is are was were would could can must shall will what or hmm wait but".split()
)
_INTERPRETING = frozenset(
    """count counts counted counting include includes included including inclusive exclusive matter matters
    allowed permitted distinguishable indistinguishable distinct identical ordered mean means meant intended
    intend asking ask asks overlap overlaps repeat repeats repetition repetitions important relevant""".split()
)


def asks_reading(words: list[str]) -> bool:
    """``words`` (a question after the answer, lower case) ask what the problem counts or means, leaving the
    answer open until a reply settles it: an auxiliary, a modal or "what" opens it (fillers aside) and it holds a
    verb of counting, including or meaning; a question to the reader is none."""
    lead = [w for w in words if w not in ("hmm", "wait", "but", "or", "so", "well", "though")]
    if not lead or lead[0] not in _INTERPRETING_LEAD or "you" in words or "your" in words:
        return False
    return bool(_INTERPRETING.intersection(lead))


#: the first words of a reply that settles such a question ("No, they don't.", "Yes: the problem says inclusive.")
_REPLY_WORDS = frozenset("yes yep yeah yup no nope nah".split())
#: verbs that report what the problem states: negated, the reply says it is silent ("The problem doesn't say.")
_STATING = frozenset("say says said specify specifies specified state states mention mentions tell tells".split())


def _silent(before: list[str]) -> bool:
    return any(w in _NEGATIONS or w.endswith("n't") for w in before)


def answers_reading(question: list[str], reply: list[str]) -> bool:
    """``reply`` (the words of the sentence after a question of :func:`asks_reading`, lower case) answers it: it
    opens with yes or no, or echoes the question's auxiliary, affirmed or negated ("Does order matter? It doesn't,
    since the chairs are identical."); a reply that reports what the problem states is no answer ("The problem
    doesn't say.")."""
    if not reply or any(w in _STATING and _silent(reply[max(0, k - 2) : k]) for k, w in enumerate(reply)):
        return False  # "The problem doesn't say.", "It is not specified."
    if reply[0] in _REPLY_WORDS:
        return True
    aux = next((w for w in question if w in _INTERPRETING_LEAD and w not in ("what", "or", "hmm", "wait", "but")), "")
    return bool(aux) and any(w == aux or w == aux + "n't" or w == "don't" and aux == "do" for w in reply[:6])
