namespace Coding.Core.Engine.Preparation;

/// <summary>
/// ConText-style assertion for a mention span: triggers in the mention's sentence whose scope reaches the mention,
/// then the section the mention sits in. Precedence: Negated, Family, Hypothetical, Uncertain, Historical, Present.
/// </summary>
public static class AssertionDetector
{
    /// <summary>
    /// Words a forward trigger reaches (NegEx used 5, ConText the whole sentence): enough for "denies nausea,
    /// vomiting, diarrhea, constipation or melena", short enough that a "no" early in a long CodiEsp sentence does not
    /// negate its last clause.
    /// </summary>
    public const int ForwardScopeWords = 8;

    /// <summary>Backward triggers ("... was ruled out") reach less far: they mostly follow their subject.</summary>
    public const int BackwardScopeWords = 6;

    private static readonly SectionKind[] RestatingSections =
        [SectionKind.Assessment, SectionKind.Diagnoses, SectionKind.ProblemList];

    public static Assertion Assert(PreparedNote note, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (start < 0 || end > note.Text.Length || start > end)
            throw new ArgumentOutOfRangeException(nameof(start), $"span [{start}, {end}) is outside the note (length {note.Text.Length})");
        return Assert(note, start, end, allowRestatement: true);
    }

    private static Assertion Assert(PreparedNote note, int start, int end, bool allowRestatement)
    {
        var tokens = note.TokenSpan;
        var (firstMention, mentionTokens) = note.TokensOverlapping(start, end).GetOffsetAndLength(tokens.Length);
        var endMention = firstMention + mentionTokens;
        var sentenceId = endMention > firstMention ? tokens[firstMention].SentenceId : note.SentenceIndexAt(start);

        var found = new Found();
        if (sentenceId >= 0 && endMention > firstMention)
            CollectTriggers(note, sentenceId, firstMention, endMention - 1, ref found);

        var section = note.SectionAt(start);
        var sectionCue = section is null ? null : new AssertionCue(note.Text[section.Start..section.BodyStart], section.Start, section.BodyStart, AssertionCueSource.Section);
        var experiencer = found.Other is not null ? Experiencer.Other
            : found.Family is not null || section?.Kind == SectionKind.FamilyHistory ? Experiencer.Family
            : Experiencer.Patient;
        var resolved = found.Resolved is not null;

        if (found.Negation is { } negation)
            return new Assertion(AssertionStatus.Negated, experiencer, resolved, Cue(note, negation));
        if (found.Family is { } family)
            return new Assertion(AssertionStatus.Family, experiencer, resolved, Cue(note, family));
        if (section?.Kind == SectionKind.FamilyHistory && experiencer == Experiencer.Family)
            return new Assertion(AssertionStatus.Family, experiencer, resolved, sectionCue);
        if (found.Hypothetical is { } hypothetical)
            return new Assertion(AssertionStatus.Hypothetical, experiencer, resolved, Cue(note, hypothetical));
        if (found.Uncertainty is { } uncertainty)
            return new Assertion(AssertionStatus.Uncertain, experiencer, resolved, Cue(note, uncertainty));
        if (section?.Kind == SectionKind.DifferentialDiagnosis)
            return new Assertion(AssertionStatus.Uncertain, experiencer, resolved, sectionCue);
        if (found.Historical is { } historical)
            return new Assertion(AssertionStatus.Historical, experiencer, resolved, Cue(note, historical));
        if (section?.Kind is SectionKind.PastMedicalHistory or SectionKind.PastSurgicalHistory)
        {
            // "PMH: hypertension" is history, unless the assessment names it again: then it is being managed now.
            if (allowRestatement && FindRestatement(note, firstMention, endMention) is { } restated)
                return new Assertion(AssertionStatus.Present, experiencer, resolved, restated);
            return new Assertion(AssertionStatus.Historical, experiencer, resolved, sectionCue);
        }
        if (resolved)
            return new Assertion(AssertionStatus.Present, experiencer, true, Cue(note, found.Resolved!.Value));
        return experiencer == Experiencer.Patient ? Assertion.PlainPresent : new Assertion(AssertionStatus.Present, experiencer, false, null);
    }

    private struct Found
    {
        public TriggerMatch? Negation, Uncertainty, Historical, Hypothetical, Family, Other, Resolved;
    }

    private static void CollectTriggers(PreparedNote note, int sentenceId, int firstMention, int lastMention, ref Found found)
    {
        var triggers = note.TriggersOf(sentenceId);
        var tokens = note.TokenSpan;
        for (var t = 0; t < triggers.Length; t++)
        {
            var trigger = triggers[t];
            if (trigger.Rule.Category == TriggerCategory.Termination)
                continue;
            if (trigger.LastToken >= firstMention && trigger.FirstToken <= lastMention)
                continue; // the trigger is part of the mention itself
            bool applies;
            if (trigger.LastToken < firstMention)
            {
                applies = (trigger.Rule.Direction & TriggerDirection.Forward) != 0
                    && InScope(tokens, triggers, t, trigger.LastToken + 1, firstMention, trigger.Rule.MaxWords ?? ForwardScopeWords);
            }
            else
            {
                applies = (trigger.Rule.Direction & TriggerDirection.Backward) != 0
                    && InScope(tokens, triggers, t, lastMention + 1, trigger.FirstToken, trigger.Rule.MaxWords ?? BackwardScopeWords);
            }
            if (!applies)
                continue;
            switch (trigger.Rule.Category)
            {
                case TriggerCategory.Negation: found.Negation ??= trigger; break;
                case TriggerCategory.Uncertainty: found.Uncertainty ??= trigger; break;
                case TriggerCategory.Historical: found.Historical ??= trigger; break;
                case TriggerCategory.Hypothetical: found.Hypothetical ??= trigger; break;
                case TriggerCategory.Family: found.Family ??= trigger; break;
                case TriggerCategory.OtherExperiencer: found.Other ??= trigger; break;
                case TriggerCategory.Resolved: found.Resolved ??= trigger; break;
            }
        }
    }

    /// <summary>
    /// Whether the tokens [from, to) between a trigger and the mention leave the trigger's scope open: no terminator,
    /// not too many words, and no trigger of another category that starts a new list item or clause (after a comma):
    /// "no fever, possible pneumonia" leaves pneumonia uncertain, while "no history of diabetes" stays negated.
    /// </summary>
    private static bool InScope(ReadOnlySpan<Token> tokens, ReadOnlySpan<TriggerMatch> triggers, int self, int from, int to, int maxWords)
    {
        var words = 0;
        for (var i = from; i < to; i++)
        {
            if (tokens[i].Kind != TokenKind.Punctuation && ++words > maxWords)
                return false;
        }
        var category = triggers[self].Rule.Category;
        foreach (var other in triggers)
        {
            if (other.FirstToken < from || other.FirstToken >= to)
                continue;
            if (other.Rule.Category == TriggerCategory.Termination)
                return false;
            if (other.Rule.Category != category && HasCommaBetween(tokens, from, other.FirstToken))
                return false;
        }
        return true;
    }

    private static bool HasCommaBetween(ReadOnlySpan<Token> tokens, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (tokens[i].Kind == TokenKind.Punctuation && tokens[i].Norm is "," or ":")
                return true;
        }
        return false;
    }

    private static AssertionCue Cue(PreparedNote note, TriggerMatch trigger)
    {
        var start = note.TokenSpan[trigger.FirstToken].Start;
        var end = note.TokenSpan[trigger.LastToken].End;
        return new AssertionCue(note.Text[start..end], start, end, AssertionCueSource.Trigger);
    }

    // The mention's words, in order, inside an assessment / diagnoses / problem-list section, not negated there.
    // Compared on match keys, so "HTN" in the PMH and "hypertension" in the assessment are the same.
    private static AssertionCue? FindRestatement(PreparedNote note, int firstMention, int endMention)
    {
        var tokens = note.TokenSpan;
        var keys = new List<string>();
        for (var i = firstMention; i < endMention; i++)
        {
            if (tokens[i].Kind != TokenKind.Punctuation)
                keys.AddRange(tokens[i].MatchKeys);
        }
        if (keys.Count == 0)
            return null;
        foreach (var section in note.Sections)
        {
            if (Array.IndexOf(RestatingSections, section.Kind) < 0)
                continue;
            var range = note.TokensOverlapping(section.BodyStart, section.End);
            var (offset, length) = range.GetOffsetAndLength(tokens.Length);
            for (var i = offset; i < offset + length; i++)
            {
                var matchEnd = MatchKeysAt(tokens, i, offset + length, keys);
                if (matchEnd < 0)
                    continue;
                var start = tokens[i].Start;
                var end = tokens[matchEnd - 1].End;
                var there = Assert(note, start, end, allowRestatement: false);
                if (there.Status is AssertionStatus.Present or AssertionStatus.Uncertain)
                    return new AssertionCue(note.Text[start..end], start, end, AssertionCueSource.Restated);
            }
        }
        return null;
    }

    /// <summary>Exclusive token end of a match of <paramref name="keys"/> starting at token <paramref name="at"/>, or -1.</summary>
    private static int MatchKeysAt(ReadOnlySpan<Token> tokens, int at, int limit, List<string> keys)
    {
        if (tokens[at].Kind == TokenKind.Punctuation)
            return -1;
        var k = 0;
        var i = at;
        while (i < limit && k < keys.Count)
        {
            var token = tokens[i++];
            if (token.Kind == TokenKind.Punctuation)
                continue;
            foreach (var key in token.MatchKeys)
            {
                if (k >= keys.Count || !string.Equals(key, keys[k], StringComparison.Ordinal))
                    return -1;
                k++;
            }
        }
        return k == keys.Count ? i : -1;
    }
}
