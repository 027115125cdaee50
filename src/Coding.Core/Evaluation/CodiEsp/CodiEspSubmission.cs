namespace Coding.Core.Evaluation.CodiEsp;

/// <summary>
/// Writes predictions in the CodiEsp-D/P submission format: one "doc TAB code" line per prediction, a document's
/// codes best first (the list order is the ranking, exactly what the official MAP reads), codes lower-cased with
/// their dots as in the gold files, repeats dropped. Documents are written in ordinal order so runs diff cleanly.
/// Injury and external-cause codes lose their 7th, encounter character, as CodiEsp writes them ("S72.001A" →
/// "s72.001"): the official script compares strings and ignores codes outside its code list.
/// </summary>
public static class CodiEspSubmission
{
    public static void Write(TextWriter writer, IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> predictions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(predictions);
        foreach (var document in predictions.Keys.Order(StringComparer.Ordinal))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var prediction in predictions[document])
            {
                if (!seen.Add(CodeKey.Match(prediction.Code)))
                    continue;
                writer.Write(document);
                writer.Write('\t');
                var code = prediction.Code.Trim();
                writer.Write((CodeKey.HasEncounterCharacter(code) ? code[..^1] : code).ToLowerInvariant());
                writer.Write('\n');
            }
        }
    }

    /// <summary>Reads a submission back: doc → codes in file order (scores descend from 1 by rank, for the metrics' sake).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lists = new Dictionary<string, List<ScoredCode>>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
                continue;
            var fields = line.Split('\t');
            if (fields.Length != 2 || fields[0].Length == 0 || fields[1].Length == 0)
                throw new FormatException($"submission line {number}: expected 'doc<TAB>code'");
            if (!lists.TryGetValue(fields[0], out var list))
                lists[fields[0]] = list = [];
            list.Add(new ScoredCode(fields[1], 1.0 / (list.Count + 1)));
        }
        return lists.ToDictionary(e => e.Key, e => (IReadOnlyList<ScoredCode>)e.Value, StringComparer.Ordinal);
    }
}
