using System.Collections.Frozen;

namespace Coding.Core.Engine.Preparation;

internal enum TriggerCategory
{
    Negation,
    Uncertainty,
    Historical,
    Hypothetical,
    Family,
    OtherExperiencer,
    Resolved,

    /// <summary>Looks like a trigger but is not ("no increase", "gram negative"): matched only to hide the real one.</summary>
    Pseudo,

    /// <summary>Ends a trigger's scope ("but", "however", ";").</summary>
    Termination,
}

[Flags]
internal enum TriggerDirection
{
    None = 0,

    /// <summary>Applies to what follows ("no chest pain").</summary>
    Forward = 1,

    /// <summary>Applies to what precedes ("pulmonary embolism was ruled out").</summary>
    Backward = 2,
    Both = Forward | Backward,
}

/// <param name="MaxWords">How many words the scope reaches; null for the detector's default.</param>
/// <param name="AtClauseEnd">Matches only when a punctuation mark or the sentence end follows: "lesions not seen."
/// is a finding, while "did not present alterations" is a verb phrase that a bare "not" handles.</param>
internal sealed record TriggerRule(
    string Phrase,
    string[] Tokens,
    TriggerCategory Category,
    TriggerDirection Direction,
    int? MaxWords = null,
    bool AtClauseEnd = false);

/// <summary>A trigger found in a sentence; token indexes are into <see cref="PreparedNote.Tokens"/>, inclusive.</summary>
internal readonly record struct TriggerMatch(int SentenceId, int FirstToken, int LastToken, TriggerRule Rule);

/// <summary>
/// The ConText/NegEx-style lexicon (Chapman et al. 2001, Harkema et al. 2009), written for this project: trigger
/// phrases by category and direction, pseudo-triggers that mask them, and scope terminators. Phrases are tokenized by
/// the note tokenizer and matched on <see cref="Token.Norm"/>, longest first; "#" matches any number.
/// </summary>
internal static class AssertionTriggers
{
    private const string NumberWildcard = "#";

    private static readonly string[] Relatives =
    [
        "mother", "father", "mother's", "father's", "mom", "dad", "sister", "brother", "sisters", "brothers", "sibling",
        "siblings", "parent", "parents", "grandmother", "grandfather", "grandparents", "aunt", "uncle", "cousin", "son",
        "daughter", "relatives", "maternal", "paternal", "family member", "family members",
    ];

    private static readonly string[] Others =
        ["wife", "husband", "spouse", "partner", "boyfriend", "girlfriend", "roommate", "friend", "coworker", "caregiver", "donor"];

    // "Mother reports that he has fever": the relative is the source of the statement, not its subject.
    private static readonly string[] ReportingVerbs =
    [
        "reports", "reported", "states", "stated", "says", "said", "notes", "noted", "brought", "brings", "called",
        "is present", "at bedside", "accompanies", "accompanied", "was told", "explains", "describes", "denies", "is concerned",
    ];

    /// <summary>The rules that start with one token: single-token rules, and longer ones indexed by their second
    /// token (hundreds of "his mother reports"-style pseudo-triggers share a first token).</summary>
    private sealed record RuleIndex(TriggerRule[] SingleToken, FrozenDictionary<string, TriggerRule[]>? BySecondToken);

    private static readonly FrozenDictionary<string, RuleIndex> ByFirstToken = Build();

    // (length, first char, last char) of every first token: most tokens fail this and skip hashing the string.
    private static readonly FrozenSet<int> FirstTokenShapes = ByFirstToken.Keys.Select(Shape).ToFrozenSet();

    private static int Shape(string norm) =>
        norm.Length == 0 ? 0 : (Math.Min(norm.Length, 255) << 16) | ((norm[0] & 0xFF) << 8) | (norm[^1] & 0xFF);

    internal static TriggerMatch[] FindAll(string text, Token[] tokens, Sentence[] sentences)
    {
        var found = new List<TriggerMatch>();
        foreach (var sentence in sentences)
        {
            var end = sentence.FirstToken + sentence.TokenCount;
            var i = sentence.FirstToken;
            while (i < end)
            {
                var matched = Match(text, tokens, i, end);
                if (matched is null)
                {
                    i++;
                    continue;
                }
                var last = i + matched.Tokens.Length - 1;
                if (matched.Category != TriggerCategory.Pseudo)
                    found.Add(new TriggerMatch(sentence.Id, i, last, matched));
                i = last + 1;
            }
        }
        return found.ToArray();
    }

    private static TriggerRule? Match(string text, Token[] tokens, int at, int end)
    {
        var norm = tokens[at].Norm;
        if (!FirstTokenShapes.Contains(Shape(norm)) || !ByFirstToken.TryGetValue(norm, out var index))
            return null;
        TriggerRule? longer = null;
        if (at + 1 < end && index.BySecondToken is { } bySecond)
        {
            var next = tokens[at + 1];
            if (bySecond.TryGetValue(next.Norm, out var rules))
                longer = FirstMatch(text, tokens, at, end, rules);
            if (next.Kind == TokenKind.Number && bySecond.TryGetValue(NumberWildcard, out var numbered)
                && FirstMatch(text, tokens, at, end, numbered) is { } wild
                && (longer is null || wild.Tokens.Length > longer.Tokens.Length))
                longer = wild;
        }
        return longer ?? FirstMatch(text, tokens, at, end, index.SingleToken);
    }

    private static TriggerRule? FirstMatch(string text, Token[] tokens, int at, int end, TriggerRule[] rules)
    {
        foreach (var rule in rules) // longest first
        {
            var stop = at + rule.Tokens.Length;
            if (stop > end)
                continue;
            var ok = true;
            for (var k = 1; k < rule.Tokens.Length && ok; k++)
            {
                var token = tokens[at + k];
                ok = rule.Tokens[k] == NumberWildcard ? token.Kind == TokenKind.Number : rule.Tokens[k] == token.Norm;
            }
            if (ok && rule.AtClauseEnd && stop < end && tokens[stop].Kind != TokenKind.Punctuation)
                ok = false;
            if (ok && rule.Tokens.Length == 1 && rule.Category != TriggerCategory.Termination && IsAcronymInMixedCase(text, tokens, at, end))
                ok = false;
            if (ok)
                return rule;
        }
        return null;
    }

    // "IF with mild IgM deposits" (immunofluorescence), "NO synthase": an upper-case word amid mixed-case text is an
    // acronym, not a trigger. In an all-capitals note ("DENIES CHEST PAIN") the neighbours are capitals too.
    private static bool IsAcronymInMixedCase(string text, Token[] tokens, int at, int end)
    {
        var token = tokens[at];
        if (token.Length < 2 || !IsUpperWord(text.AsSpan(token.Start, token.Length)))
            return false;
        var next = at + 1 < end && tokens[at + 1].Kind == TokenKind.Word ? tokens[at + 1] : (Token?)null;
        var previous = at > 0 && tokens[at - 1].Kind == TokenKind.Word ? tokens[at - 1] : (Token?)null;
        var neighbour = next ?? previous;
        return neighbour is { } n && !IsUpperWord(text.AsSpan(n.Start, n.Length));
    }

    private static bool IsUpperWord(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsLower(c))
                return false;
        }
        return true;
    }

    private static FrozenDictionary<string, RuleIndex> Build()
    {
        var rules = new List<TriggerRule>();
        void AddRule(TriggerCategory category, TriggerDirection direction, int? maxWords, bool atClauseEnd, IEnumerable<string> phrases)
        {
            foreach (var phrase in phrases)
            {
                var tokens = Tokenizer.Tokenize(phrase).Select(t => t.Norm).ToArray();
                rules.Add(new TriggerRule(phrase, tokens, category, direction, maxWords, atClauseEnd));
            }
        }
        void Add(TriggerCategory category, TriggerDirection direction, params string[] phrases) =>
            AddRule(category, direction, null, false, phrases);
        const TriggerDirection Pre = TriggerDirection.Forward;
        const TriggerDirection Post = TriggerDirection.Backward;
        const TriggerDirection Both = TriggerDirection.Both;

        Add(TriggerCategory.Negation, Pre,
            "no", "not", "denies", "denied", "deny", "denying", "without", "w/o", "negative for", "free of",
            "is negative for", "was negative for", "were negative for", "are negative for", "no evidence of", "no evidence for", "no sign of", "no signs of", "no history of", "no hx of", "absence of",
            "never", "never had", "none", "neither", "nor", "did not have", "does not have", "fails to reveal",
            "failed to reveal", "no findings of", "no findings to suggest", "unremarkable for", "rules out",
            "ruling out", "with no");
        Add(TriggerCategory.Negation, Post,
            "was ruled out", "is ruled out", "were ruled out", "has been ruled out", "have been ruled out",
            "was excluded", "were excluded", "is absent", "was absent", "were absent", "is negative", "was negative",
            "were negative", "are negative");
        // "Lesions were not seen": with its copula the finding reaches back to its subject; a bare "not seen" only
        // at the end of a clause ("... nodules not seen."), where it cannot be a verb with its own object.
        string[] findings = ["seen", "present", "identified", "detected", "found", "visualized", "observed", "noted", "demonstrated", "evidenced"];
        Add(TriggerCategory.Negation, Post, [.. findings.SelectMany(f => new[] { "is", "was", "were", "are", "has been", "have been" }.Select(c => $"{c} not {f}"))]);
        AddRule(TriggerCategory.Negation, Post, null, true, [.. findings.Select(f => $"not {f}"), "excluded"]);
        // A bare "negative" or "absent" sits right before what it negates ("negative cultures"), or right after it at
        // the end of a clause ("cultures negative."); elsewhere ("... junction and a negative cytology") it reaches
        // back into the wrong phrase.
        AddRule(TriggerCategory.Negation, Pre, 3, false, ["negative", "absent"]);
        AddRule(TriggerCategory.Negation, Post, 3, true, ["negative", "absent"]);
        // "Unlikely" and kin are probable negations: not coded in any setting, so they must not reach the
        // inpatient "code uncertain diagnoses" rule as Uncertain.
        Add(TriggerCategory.Negation, Pre, "ruled out", "unlikely", "doubtful", "doubt", "less likely", "not likely", "improbable", "very unlikely");
        Add(TriggerCategory.Negation, Both, "is unlikely");
        // Without a copula, "ruled out" and "denied" look back only from the end of a clause ("PE ruled out."), and
        // "unlikely" only at the words right before it: "echocardiography ruled out endocarditis" says nothing about
        // the echocardiography, "reported soft stools and denied vomiting" nothing against the stools.
        AddRule(TriggerCategory.Negation, Post, null, true, ["ruled out", "denied"]);
        AddRule(TriggerCategory.Negation, Post, 2, false, ["unlikely", "doubtful", "less likely", "not likely", "improbable", "very unlikely"]);

        Add(TriggerCategory.Uncertainty, Pre,
            "possible", "possibly", "probable", "probably", "suspicion of", "suspicion for", "suspicious for",
            "suspicious of", "concern for", "concerning for", "worrisome for", "questionable", "question of", "rule out",
            "r/o", "to rule out", "rule - out", "to exclude", "may be", "may have", "might be", "might have", "could be",
            "could have", "presumed", "presumptive", "presumably", "consistent with", "compatible with", "suggestive of",
            "suggesting", "suggests", "indicative of", "differential diagnosis", "differential includes", "ddx",
            "cannot rule out", "cannot exclude", "can not rule out", "can't rule out", "evaluate for", "evaluation for",
            "workup for", "work - up for", "assess for", "apparent", "apparently", "suspect", "suspects", "seems", "appears to be");
        Add(TriggerCategory.Uncertainty, Post,
            "cannot be ruled out", "can not be ruled out", "cannot be excluded", "can not be excluded", "not excluded",
            "not ruled out", "not been ruled out", "is possible", "is likely", "is suspected", "is probable",
            "is questionable", "was considered", "was suspected", "considered");
        Add(TriggerCategory.Uncertainty, Both, "versus", "vs", "?");
        Add(TriggerCategory.Uncertainty, Pre, "likely", "suspected");
        AddRule(TriggerCategory.Uncertainty, Post, 2, false, ["likely", "suspected"]);
        // Closing a clause, they qualify the whole condition named before them, however many words it takes:
        // "Gastroesophageal reflux disease suspected." (uncertain diagnosis: coded as such only for inpatients, IV.H).
        AddRule(TriggerCategory.Uncertainty, Post, null, true, ["suspected", "likely", "probable", "possible", "questionable"]);

        Add(TriggerCategory.Historical, Pre,
            "history of", "hx of", "h/o", "s/p", "status post", "previous", "previously", "prior", "past", "former",
            "formerly", "remote", "known history of", "past medical history of", "past history of", "medical history of",
            "personal history of", "a history of", "ex");
        Add(TriggerCategory.Historical, Post,
            "in the past", "years ago", "year ago", "in childhood", "as a child", "previously");
        // "Quit smoking in 2015 after 50 pack-years": what the patient quit is history (Index: History, personal,
        // nicotine dependence Z87.891), not current dependence. Wanting or trying to quit is not having quit.
        Add(TriggerCategory.Historical, Pre, "quit", "quitted");
        Add(TriggerCategory.Pseudo, TriggerDirection.None,
            "trying to quit", "tries to quit", "try to quit", "wants to quit", "want to quit", "wanting to quit", "plans to quit", "planning to quit",
            "ready to quit", "desire to quit", "advised to quit", "counseled to quit", "encouraged to quit", "unable to quit", "attempting to quit",
            "attempts to quit", "thinking about quitting", "interested in quitting", "quit date", "not quit", "never quit", "has not quit");

        Add(TriggerCategory.Hypothetical, Pre,
            "if", "in case", "in case of", "in the event of", "should", "return if", "call if", "come back if",
            "seek care if", "return for", "watch for", "monitor for", "look out for", "warning signs of", "screening for",
            "screen for", "risk of", "at risk for", "at risk of", "to prevent", "prevention of", "prophylaxis for",
            "prophylaxis of", "unless", "whether", "as needed for", "prn");

        Add(TriggerCategory.Family, Pre, ["family history", "family history of", "fh of", "fhx", "family hx", .. Relatives]);
        Add(TriggerCategory.Family, Post,
            "in mother", "in father", "in the mother", "in the father", "in his mother", "in her mother", "in his father",
            "in her father", "in a sibling", "in siblings", "in the family", "in family", "in relatives",
            "in first - degree relatives", "in a first - degree relative");
        Add(TriggerCategory.OtherExperiencer, Pre, Others);

        // Resolution words follow their subject closely ("pneumonia resolved"); a long reach would pick up a list.
        AddRule(TriggerCategory.Resolved, Post, 4, false,
            ["resolved", "has resolved", "have resolved", "was resolved", "now resolved", "in remission", "healed",
             "cured", "subsided", "has subsided", "disappeared"]);
        Add(TriggerCategory.Resolved, Pre, "resolution of", "resolved");

        Add(TriggerCategory.Pseudo, TriggerDirection.None,
            "no increase", "no change", "no significant change", "no interval change", "no definite change",
            "no suspicious change", "no further", "not only", "not necessarily", "not certain whether", "without difficulty",
            "without any difficulty", "without further", "gram negative", "gram - negative", "not cause", "not drain",
            "not extend", "no doubt", "without doubt", "triple negative", "triple - negative", "receptor negative",
            "receptor - negative", "her2 negative", "her2 - negative", "rh negative", "negative pressure",
            "history of present illness", "social history", "history and physical", "if needed", "if necessary",
            "if required", "if any", "as if", "as soon as possible", "if possible", "when possible", "as possible",
            "prior to", "not rule out", "not resolved", "unresolved", "daughter vesicles", "daughter cysts",
            "daughter cells", "daughter cell", "without delay", "the previous", "the prior", "than previous", "than prior",
            "long history of", "longstanding history of", "long - standing history of", "in case #", "as in case",
            "donor site", "donor area");
        // "a 3-year history of diabetes" is a chronic condition the patient has now, not a past one; "48 hours
        // previously" dates the current illness.
        foreach (var unit in new[] { "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years" })
            Add(TriggerCategory.Pseudo, TriggerDirection.None, $"{unit} history of", $"{unit} previously", $"{unit} earlier");
        // "the past 3 days", "the previous week": the current illness's time frame, not history.
        foreach (var when in new[] { "past", "previous", "prior", "last", "preceding" })
        {
            foreach (var unit in new[] { "#", "few", "several", "day", "days", "night", "nights", "week", "weeks", "month", "months", "hour", "hours", "year", "24", "48", "72" })
                Add(TriggerCategory.Pseudo, TriggerDirection.None, $"{when} {unit}");
        }
        foreach (var who in Relatives.Concat(Others))
        {
            foreach (var verb in ReportingVerbs)
                Add(TriggerCategory.Pseudo, TriggerDirection.None, $"{who} {verb}", $"his {who} {verb}", $"her {who} {verb}");
            Add(TriggerCategory.Pseudo, TriggerDirection.None, $"per {who}", $"per his {who}", $"per her {who}",
                $"according to {who}", $"according to his {who}", $"according to her {who}");
        }

        Add(TriggerCategory.Termination, TriggerDirection.None,
            "but", "however", "although", "though", "while", "whereas", "yet", "except", "except for", "apart from", "aside from",
            "with the exception of", "nevertheless", "nonetheless", "which", "whose", "that", "secondary to", "due to",
            "caused by", "because", "because of", "cause of", "source of", "etiology of", "reason for", "origin of",
            "presents", "presenting", "presented", "complains", "complaining", "reports", "reported", "admits",
            "endorses", "positive for", "still", ";");

        // The same phrase listed as Pre and Post with the same limits ("previously") is one rule that looks both ways.
        var merged = rules
            .GroupBy(r => (string.Join(' ', r.Tokens), r.Category, r.MaxWords, r.AtClauseEnd))
            .Select(g => g.First() with { Direction = g.Aggregate(TriggerDirection.None, (d, r) => d | r.Direction) });
        // Longest first; of equal length, the constrained (clause-end) variant first, so the plain one is the fallback.
        static TriggerRule[] Ordered(IEnumerable<TriggerRule> rules) =>
            rules.OrderByDescending(r => r.Tokens.Length).ThenByDescending(r => r.AtClauseEnd).ToArray();
        return merged
            .GroupBy(r => r.Tokens[0], StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g =>
                {
                    var longer = g.Where(r => r.Tokens.Length > 1).GroupBy(r => r.Tokens[1], StringComparer.Ordinal).ToList();
                    return new RuleIndex(
                        Ordered(g.Where(r => r.Tokens.Length == 1)),
                        longer.Count == 0 ? null : longer.ToFrozenDictionary(s => s.Key, Ordered, StringComparer.Ordinal));
                },
                StringComparer.Ordinal);
    }
}
