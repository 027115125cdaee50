using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coding.Core.Privacy.Evaluation;

/// <summary>One annotated note of a de-identification set (eval/gold/deid/*.jsonl): identifiers, and words that must stay.</summary>
public sealed record DeidGoldNote(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("setting")] string? Setting,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("phi")] IReadOnlyList<DeidGoldSpan> Phi,
    [property: JsonPropertyName("keep")] IReadOnlyList<DeidGoldSpan>? Keep);

/// <summary>[Start, End) of the note text.</summary>
public sealed record DeidGoldSpan(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("text")] string? Text);

/// <summary>Removed and total for one kind.</summary>
public sealed record KindRecall(string Kind, int Removed, int Total)
{
    public double Recall => Total == 0 ? 1 : (double)Removed / Total;
}

/// <summary>What <see cref="DeidGold.Score"/> measured; counts only, never note text.</summary>
public sealed record DeidScore(
    int Notes,
    IReadOnlyList<KindRecall> PerKind,
    KindRecall Overall,
    IReadOnlyList<KindRecall> KeepTouchedPerKind,
    KindRecall KeepTouched,
    double MillisecondsPerNote,
    double CpuMillisecondsPerNote);

public static class DeidGold
{
    public static IReadOnlyList<DeidGoldNote> Load(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<DeidGoldNote>(l)
            ?? throw new InvalidDataException($"{path}: a line is not a de-identification note")).ToList();

    /// <summary>
    /// An identifier counts as removed when every letter and digit of it lies inside a replaced span (character
    /// overlap; spaces and punctuation around or inside it carry nothing). A keep span counts as damaged when any of its
    /// characters is replaced. Timing is one warm pass after a first untimed one.
    /// </summary>
    public static DeidScore Score(IReadOnlyList<DeidGoldNote> notes, Func<DeidGoldNote, SafeHarborDeidentifier> deidFor,
        Action<DeidGoldNote, DeidGoldSpan, bool>? onIdentifier = null, Action<DeidGoldNote, DeidGoldSpan>? onDamage = null)
    {
        var results = notes.Select(n => deidFor(n).Deidentify(n.Text)).ToList();
        // Processor time beside wall time: on a shared machine the wall clock counts the waits for a core too.
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var n in notes)
            deidFor(n).Deidentify(n.Text);
        clock.Stop();
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;

        var removed = new Dictionary<string, (int Removed, int Total)>();
        var touched = new Dictionary<string, (int Touched, int Total)>();
        for (var i = 0; i < notes.Count; i++)
        {
            var note = notes[i];
            var covered = new bool[note.Text.Length + 1];
            foreach (var f in results[i].Found)
                for (var c = f.Start; c < f.End; c++)
                    covered[c] = true;
            foreach (var p in note.Phi)
            {
                var ok = Enumerable.Range(p.Start, p.End - p.Start).All(c => !char.IsLetterOrDigit(note.Text[c]) || covered[c]);
                var r = removed.GetValueOrDefault(p.Kind);
                removed[p.Kind] = (r.Removed + (ok ? 1 : 0), r.Total + 1);
                onIdentifier?.Invoke(note, p, ok);
            }
            foreach (var k in note.Keep ?? [])
            {
                var hit = Enumerable.Range(k.Start, k.End - k.Start).Any(c => covered[c]);
                var t = touched.GetValueOrDefault(k.Kind);
                touched[k.Kind] = (t.Touched + (hit ? 1 : 0), t.Total + 1);
                if (hit) onDamage?.Invoke(note, k);
            }
        }
        var perKind = removed.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new KindRecall(k.Key, k.Value.Removed, k.Value.Total)).ToList();
        var keep = touched.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new KindRecall(k.Key, k.Value.Touched, k.Value.Total)).ToList();
        return new DeidScore(notes.Count, perKind,
            new KindRecall("overall", perKind.Sum(k => k.Removed), perKind.Sum(k => k.Total)),
            keep, new KindRecall("keep", keep.Sum(k => k.Removed), keep.Sum(k => k.Total)),
            notes.Count == 0 ? 0 : clock.Elapsed.TotalMilliseconds / notes.Count,
            notes.Count == 0 ? 0 : cpu.TotalMilliseconds / notes.Count);
    }
}
