namespace Coding.Core.Suggestions;

/// <summary>
/// The invariants no engine may break, checked before anything is stored: every suggestion has evidence, every
/// evidence span lies inside the note, and at most one ICD-10-CM diagnosis leads the claim (principal / first-listed).
/// A breach is an engine bug, so it fails loudly instead of being trimmed away. The reason names the suggestion by its
/// position and the rule it broke, never its code, a span or the note's length: it ends up in dead-letter headers and
/// logs, where nothing about the encounter belongs (issue 19).
/// </summary>
public static class EngineOutputGuard
{
    public static void Check(EngineResult result, int noteLength)
    {
        var seen = new HashSet<(CodeSystem, string)>();
        int? lead = null;
        for (var i = 0; i < result.Suggestions.Count; i++)
        {
            var s = result.Suggestions[i];
            if (s.Role != DiagnosisRole.Secondary)
            {
                if (s.CodeSystem != CodeSystem.Icd10Cm)
                    throw new InvalidEngineOutputException($"suggestion {i + 1} is {s.Role} but not an ICD-10-CM diagnosis");
                if (lead is not null)
                    throw new InvalidEngineOutputException($"suggestions {lead} and {i + 1} both lead the claim");
                lead = i + 1;
            }
            if (string.IsNullOrWhiteSpace(s.Code))
                throw new InvalidEngineOutputException("a suggestion has no code");
            if (!seen.Add((s.CodeSystem, s.Code)))
                throw new InvalidEngineOutputException($"suggestion {i + 1} repeats an earlier code");
            if (s.Confidence is < 0 or > 1 || double.IsNaN(s.Confidence))
                throw new InvalidEngineOutputException($"suggestion {i + 1} has a confidence outside 0..1");
            if (s.Evidence.Count == 0)
                throw new InvalidEngineOutputException($"suggestion {i + 1} has no evidence span");
            foreach (var span in s.Evidence)
            {
                if (span.Start < 0 || span.End <= span.Start || span.End > noteLength)
                    throw new InvalidEngineOutputException($"suggestion {i + 1} has an evidence span outside the note");
            }
        }
    }
}

public sealed class InvalidEngineOutputException(string reason) : Exception($"Engine output rejected: {reason}.");
