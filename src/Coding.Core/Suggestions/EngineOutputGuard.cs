namespace Coding.Core.Suggestions;

/// <summary>
/// The invariants no engine may break, checked before anything is stored: every suggestion has evidence, every
/// evidence span lies inside the note, and at most one ICD-10-CM diagnosis leads the claim (principal / first-listed).
/// A breach is an engine bug, so it fails loudly instead of being trimmed away.
/// </summary>
public static class EngineOutputGuard
{
    public static void Check(EngineResult result, int noteLength)
    {
        var seen = new HashSet<(CodeSystem, string)>();
        string? lead = null;
        foreach (var s in result.Suggestions)
        {
            if (s.Role != DiagnosisRole.Secondary)
            {
                if (s.CodeSystem != CodeSystem.Icd10Cm)
                    throw new InvalidEngineOutputException($"code {s.Code} is {s.Role} but not an ICD-10-CM diagnosis");
                if (lead is not null)
                    throw new InvalidEngineOutputException($"codes {lead} and {s.Code} both lead the claim");
                lead = s.Code;
            }
            if (string.IsNullOrWhiteSpace(s.Code))
                throw new InvalidEngineOutputException("a suggestion has no code");
            if (!seen.Add((s.CodeSystem, s.Code)))
                throw new InvalidEngineOutputException($"code {s.Code} is suggested twice");
            if (s.Confidence is < 0 or > 1 || double.IsNaN(s.Confidence))
                throw new InvalidEngineOutputException($"code {s.Code} has confidence {s.Confidence} outside 0..1");
            if (s.Evidence.Count == 0)
                throw new InvalidEngineOutputException($"code {s.Code} has no evidence span");
            foreach (var span in s.Evidence)
            {
                if (span.Start < 0 || span.End <= span.Start || span.End > noteLength)
                    throw new InvalidEngineOutputException($"code {s.Code} has evidence [{span.Start},{span.End}) outside the note (length {noteLength})");
            }
        }
    }
}

public sealed class InvalidEngineOutputException(string reason) : Exception($"Engine output rejected: {reason}.");
