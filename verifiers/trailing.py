"""The role of a value-free sentence or aside that follows a final answer, read by its form.

A word list of hedges loses to the next idiom ("Famous last words.", "Belay that.", "YMMV."), so what may follow
an answer is decided by the role of the text instead. A later sentence keeps the answer when it explains it
("Because …", "This is the number of …"), reports work on it ("I checked it by substitution."), addresses the
reader ("Hope this helps!"), endorses it ("Done.", "This is correct.") or describes the problem in a clause of its
own ("The problem asks for the total."). It comments on the answer, and so hedges it, when it is:

- a short fragment with no finite verb that is none of the above ("Nvm.", "A stab in the dark.", "Keine
  Ahnung.", "Excluding the edge case.");
- a clause without a subject that starts on a verb form ("Doesn't add up.", "Could also be six.");
- about the writer ("I'm stumped.", "That's my best shot.", "Not that I'd stake my life on it."), unless it
  reports work on the answer or endorses it;
- a judgment of the answer through a back-reference ("This is a rough estimate.", "That's a lie.", "This
  contradicts step 2."), unless its predicate explains, restates or endorses it.

Words arrive lowercased, without math (the caller masks it) and without values (a sentence with a value is a
restatement or a rival candidate, read by other rules).
"""

from __future__ import annotations

from rlvr.verifiers.lexicon import negated

#: words addressed to the reader or wishing them well: a pleasantry ("Hope this helps!", "Thanks for asking.")
_READER = frozenset(
    """you your you're you've yourself thanks thank hope hoping helps helped helpful luck enjoy cheers welcome glad
    happy question questions problem puzzle спасибо merci danke gracias grazie obrigado obrigada""".split()
)
#: words that endorse the answer in any sentence, call the problem easy or celebrate ("Done.", "Verified.",
#: "Final.", "Complete.", "Straightforward.", "Nice!", "Voilà.")
_ENDORSING = frozenset(
    """done qed q.e.d correct verified checked confirmed exact exactly final complete completed solved finished
    consistent valid expected end easy simple straightforward sure nice neat elegant cool great awesome beautiful
    lovely perfect excellent voilà voila ta-da tada right""".split()
)
#: words that endorse the answer when a verb says them of it ("That's right.", "It works.", "This checks out.")
_ENDORSING_CLAUSE = _ENDORSING | frozenset(
    "right sure confident certain true works holds checks satisfies satisfies matches agrees sense expected".split()
)
#: openers of an explanation, a pointer or a derivation ("Because …", "Since …", "See above.", "Note the units.")
_EXPLAINING_OPENERS = frozenset(
    """because since as by using via from note notice recall see cf where which given here hence thus so therefore
    this that these those the we our each every all both there step steps explanation reason proof check answer
    total final in for to according following applying""".split()
)
#: a pending status: "to be" and a participle ("to be confirmed", "to be determined")
_PENDING = ["to", "be"]
#: words in a predicate that explain or restate the answer ("This is because …", "That is the total.")
_EXPLAINING_PREDICATE = frozenset(
    """because since as which where so means gives shows follows total number sum answer result value count amount
    product difference quotient it all""".split()
)
#: copulas between a back-reference and its predicate
_COPULAS = frozenset("is was are were".split())
#: words about the writer
_FIRST_PERSON = frozenset("i i'm i'd i've i'll me my myself mine".split())
#: verbs that report work on the answer ("I checked it.", "I used the formula.", "I rounded to the nearest cent.")
_WORK_VERBS = frozenset(
    """used applied computed calculated found solved counted checked verified double-checked got obtained derived
    simplified rounded substituted added multiplied divided subtracted converted assumed interpreted took treated
    considered wrote listed read set plugged tested confirmed kept ignored included excluded""".split()
)
#: words that refer back to the answer as a subject ("This …", "That's …", "It …")
_BACK_REFERENCE = frozenset("this that it this's that's it's thats its".split())
#: auxiliaries and modals: a clause that starts on one has no subject ("Could also be six.", "Doesn't add up.")
_AUXILIARIES = frozenset(
    """is are was were be am has have had does do did can could will would shall should may might must isn't aren't
    wasn't weren't hasn't haven't hadn't doesn't don't didn't can't couldn't won't wouldn't shouldn't mightn't
    mustn't needs""".split()
)
#: determiners and pronouns that can open a subject ("The method gives …", "Each box holds …", "They …")
_SUBJECT_OPENERS = frozenset(
    "the a an each every all both no this that these those our its their his her he she they we there it which".split()
)
#: fillers that open a sentence without changing its role ("Well, …", "So, …", "Honestly …")
_FILLERS = frozenset("well so oh ok okay honestly frankly anyway and yes yeah".split())
#: words that negate the words after them
_NEGATORS = frozenset("no not never hardly without".split())
#: a fragment of at most this many words is a comment; a longer one is read as a description
_SHORT = 6


def _finite(words: list[str]) -> bool:
    """``words`` hold a finite verb: an auxiliary, a contraction of one, or a word ending in -s/-ed after a
    pronoun or a determiner's noun phrase ("This contradicts", "The method gives", "No other value works")."""
    for k, w in enumerate(words):
        if w in _AUXILIARIES or w.endswith(("n't", "'s", "'re", "'ve", "'d", "'ll", "'m")):
            return True
        if (
            k
            and w.endswith(("s", "ed"))
            and (
                words[k - 1] in _SUBJECT_OPENERS | _FIRST_PERSON
                or _SUBJECT_OPENERS.intersection(words[max(0, k - 3) : k - 1])
            )
        ):
            return True
    return False


#: words of doubt or fault that a negation before them turns into an endorsement ("No doubt.", "Not bad!")
_NEGATED_FAULTS = frozenset(
    "doubt doubts question questions bad wrong mistake mistakes error errors problem problems issue issues".split()
)


def _endorses(words: list[str], clause: bool) -> bool:
    """A word of :data:`_ENDORSING` (in a clause, also :data:`_ENDORSING_CLAUSE`) not under a negation, or a
    negated fault ("No doubt about it.", "Without a doubt.", "Not bad!")."""
    vocabulary = _ENDORSING_CLAUSE if clause else _ENDORSING
    if any(w in vocabulary and not negated(words, k, _NEGATORS) for k, w in enumerate(words)):
        return True
    return any(w in _NEGATED_FAULTS and negated(words, k, _NEGATORS) for k, w in enumerate(words))


def _about_writer(words: list[str]) -> bool:
    """A first-person sentence that neither reports work nor endorses: the writer's state or attitude."""
    if not _FIRST_PERSON.intersection(words):
        return False
    k = next(k for k, w in enumerate(words) if w in _FIRST_PERSON)
    works = any(w in _WORK_VERBS and not negated(words, j, _NEGATORS) for j, w in enumerate(words[k:], k))
    return not works and not _endorses(words, clause=True)


def _judges_answer(words: list[str]) -> bool:
    """A back-referring clause ("This …", "That's …", "It …") whose predicate neither explains, restates nor
    endorses the answer ("This is a rough estimate.", "That's a lie.", "This contradicts step 2.")."""
    if words[0] not in _BACK_REFERENCE or not _finite(words[:3]):
        return False
    predicate = words[2:] if words[1:2] and words[1] in _COPULAS else words[1:]
    if "the" in predicate[:2]:
        return False  # "That is the total.", "This completes the proof.": a restatement
    return not _EXPLAINING_PREDICATE.intersection(predicate) and not _endorses(words, clause=True)


def comments_on_answer(words: list[str]) -> bool:
    """``words`` (a value-free sentence after a final answer) comment on the answer or the writer's state, by the
    sentence's form (see the module's docstring): a hedge unless it is an explanation, a report of work, a
    pleasantry, an endorsement or a description."""
    if words[:2] in (["yeah", "right"], ["yeah", "sure"], ["oh", "sure"]):
        return True  # "Yeah right.": agreement stacked into sarcasm
    while words and words[0] in _FILLERS:
        words = words[1:]
    if not words or _READER.intersection(words) or any(w.startswith("you'") for w in words):
        return False
    if words[:3] == ["let", "me", "know"] or "".join(words) == "qed":
        return False  # "Let me know if anything is unclear.", "Q.E.D."
    if _about_writer(words):
        return True
    if _judges_answer(words):
        return True
    if words[:2] in (["as", "if"], ["as", "though"], _PENDING):
        return True  # "As if.": a counterfactual comparison; "(to be confirmed)": a pending status
    if _endorses(words, clause=_finite(words)):
        return False
    if words[0] in _AUXILIARIES or words[0].endswith("n't"):
        return True  # "Doesn't add up.", "Could also be six."
    if words[0].endswith("ed") and not _finite(words):
        return False  # "Rounded to the nearest cent.", "Expressed in lowest terms.": the answer's form
    return not _finite(words) and len(words) <= _SHORT and words[0] not in _EXPLAINING_OPENERS
