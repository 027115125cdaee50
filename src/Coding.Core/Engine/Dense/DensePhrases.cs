using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Dense;

/// <summary>
/// Which stretches of a note are searched by meaning. A sentence is cut into phrases at punctuation and at the words
/// that join clauses (and, with, was, who…); leading and trailing function words are trimmed, so a phrase is roughly a
/// noun phrase or a short clause ("persistent epigastric discomfort"). Only phrases that could yield a code are kept:
/// 2–6 words, no number (a measurement), at least one content word, the patient's own present (or inpatient uncertain) condition by
/// <see cref="AssertionDetector"/>; negated, family, hypothetical and historical phrases are never searched. Of
/// those, <see cref="Select"/> keeps the ones no lexical match touched, first come first served, up to a cap: dense
/// retrieval is there for what the codebook's words missed, and each phrase costs one HNSW search.
/// </summary>
public static class DensePhrases
{
    public const int MinWords = 2;
    public const int MaxWords = 6;

    /// <summary>The phrases to search in this note: eligible, untouched by any lexical match or excluded mention, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<DensePhrase> Select(PreparedNote note, CandidateSet lexical, CareSetting setting, DenseSettings settings)
    {
        var max = settings.MaxPhrases;
        if (settings.Scope == DenseScope.All)
            return Eligible(note, setting).Take(max).ToList();
        var taken = lexical.Candidates.Where(c => !c.Expanded).SelectMany(c => c.Mentions).Select(m => (m.Match.Start, m.Match.End))
            .Concat(lexical.Excluded.Select(e => (e.Match.Start, e.Match.End)))
            .ToList();
        return Eligible(note, setting)
            .Where(p => !taken.Any(t => t.Start < p.End && t.End > p.Start))
            .Take(max)
            .ToList();
    }

    /// <summary>Every eligible phrase of the note in order (distinct texts: a phrase said twice is searched once).</summary>
    public static IReadOnlyList<DensePhrase> Eligible(PreparedNote note, CareSetting setting)
    {
        var phrases = new List<DensePhrase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tokens = note.Tokens;
        foreach (var sentence in note.Sentences)
        {
            if (IsHeader(note, sentence))
                continue;
            var start = sentence.FirstToken;
            var end = sentence.FirstToken + sentence.TokenCount;
            // Assertion triggers ("denies", "probable", "return if", "mother") break phrases too: inside a phrase they would
            // be part of the mention, and the detector judges what follows a trigger, not a trigger's own words.
            var trigger = new bool[sentence.TokenCount];
            foreach (var t in note.TriggersOf(sentence.Id))
            {
                for (var k = t.FirstToken; k <= t.LastToken && k < end; k++)
                    trigger[k - start] = true;
            }
            var runStart = start;
            for (var i = start; i <= end; i++)
            {
                if (i < end && !Breaks(tokens[i]) && !trigger[i - start])
                    continue;
                if (Phrase(note, sentence.Id, runStart, i, setting) is { } phrase && seen.Add(phrase.Text.ToLowerInvariant()))
                    phrases.Add(phrase);
                runStart = i + 1;
            }
        }
        return phrases;
    }

    /// <summary>Tokens [from, to) trimmed of function words at both ends, if what is left qualifies.</summary>
    private static DensePhrase? Phrase(PreparedNote note, int sentenceId, int from, int to, CareSetting setting)
    {
        var tokens = note.Tokens;
        while (from < to && (tokens[from].Kind != TokenKind.Word || Trimmed.Contains(tokens[from].Norm)))
            from++;
        while (to > from && (tokens[to - 1].Kind != TokenKind.Word || Trimmed.Contains(tokens[to - 1].Norm)))
            to--;
        var words = 0;
        var content = false;
        for (var i = from; i < to; i++)
        {
            // A number inside makes it a measurement ("glucose 117 mg", "TTPA 25.8 sec"): results, not conditions.
            if (tokens[i].Kind == TokenKind.Number)
                return null;
            if (tokens[i].Kind != TokenKind.Word)
                continue;
            words++;
            content |= tokens[i].Key.Length >= 4 && !Trimmed.Contains(tokens[i].Norm);
        }
        if (words is < MinWords or > MaxWords || !content)
            return null;
        int start = tokens[from].Start, end = tokens[to - 1].End;
        if (!EngineEvaluation.SpanIsValid(note.Text, start, end))
            return null;
        if (!AssertionCoding.SupportsConditionCode(AssertionDetector.Assert(note, start, end), setting))
            return null;
        return new DensePhrase(sentenceId, start, end, Enumerable.Range(from, to - from).Where(i => tokens[i].Kind == TokenKind.Word).ToArray(), note.Text[start..end]);
    }

    private static bool IsHeader(PreparedNote note, Sentence sentence) =>
        note.SectionAt(sentence.Start) is { } section && sentence.Start >= section.Start && sentence.End <= section.BodyStart;

    /// <summary>Punctuation, and the words that join clauses or carry the verb: a phrase never spans them.</summary>
    private static bool Breaks(Token token) =>
        token.Kind == TokenKind.Punctuation || (token.Kind == TokenKind.Word && Joiners.Contains(token.Norm));

    private static readonly HashSet<string> Joiners = new(StringComparer.Ordinal)
    {
        "and", "or", "but", "with", "without", "who", "which", "that", "whose", "where", "when", "while", "after", "before", "since", "because",
        "then", "also", "was", "were", "is", "are", "be", "been", "being", "has", "had", "have", "having", "presented", "presents", "presenting",
        "showed", "shows", "showing", "revealed", "reveals", "revealing", "underwent", "received", "required", "developed", "diagnosed", "admitted",
        "treated", "performed", "observed", "noted", "found", "consulted", "referred", "started", "initiated", "due", "secondary", "associated", "as",
        "than", "so", "therefore", "however", "although", "did", "does", "not", "no", "without",
    };

    /// <summary>Words a phrase neither starts nor ends with (they say nothing by themselves).</summary>
    private static readonly HashSet<string> Trimmed = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "from", "into", "over", "under", "his", "her", "their", "its", "this", "these",
        "those", "patient", "patients", "year", "years", "old", "day", "days", "month", "months", "week", "weeks", "hours", "time", "some", "any",
        "all", "both", "each", "other", "our", "we", "he", "she", "it", "they", "there", "very",
        "man", "woman", "male", "female", "boy", "girl", "case", "history", "level", "levels", "study", "signs", "sign", "finding", "findings",
        "normal", "results", "result", "test", "tests", "value", "values", "examination", "exam", "treatment", "therapy", "admission", "follow", "up",
        "present", "show", "following", "data", "analytical", "taking", "mg", "ml", "mm", "meq", "sec", "dl", "cm",
    };
}
