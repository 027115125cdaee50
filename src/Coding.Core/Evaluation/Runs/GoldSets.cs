using Coding.Core.Codebooks;
using Coding.Core.Engine;
using Coding.Core.Evaluation.CodiEsp;

namespace Coding.Core.Evaluation.Runs;

/// <summary>A gold set that cannot be read as configured: the reason names the set and what is wrong, never content.</summary>
public sealed class GoldSetUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Loads a configured gold set (<see cref="GoldSetEntry"/>) into documents and doc → gold codes.</summary>
public static class GoldSets
{
    public static string ResolvePath(GoldSetEntry entry)
    {
        if (Path.IsPathRooted(entry.Path))
            return entry.Path;
        var root = CodebookSources.FindRepoRoot(Directory.GetCurrentDirectory())
            ?? CodebookSources.FindRepoRoot(AppContext.BaseDirectory)
            ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(root, entry.Path));
    }

    public static (IReadOnlyList<EvaluationDocument> Documents, IReadOnlyDictionary<string, IReadOnlySet<string>> Gold) Load(GoldSetEntry entry)
    {
        var path = ResolvePath(entry);
        try
        {
            if (entry.Kind == "codiesp")
            {
                var split = CodiEspReader.ReadSplit(path, entry.Language == "es" ? CodiEspLanguage.Spanish : CodiEspLanguage.English);
                return (split.Documents.Select(d => new EvaluationDocument(d, split.Texts[d])).ToList(), split.Diagnoses);
            }
            var documents = GoldJsonl.Read(path);
            return (documents.Select(d => new EvaluationDocument(d.ExternalId, d.Note, d.Setting, d.PatientAge, d.PatientSex)).ToList(), GoldJsonl.ToGoldSet(documents));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
        {
            // Reader messages name files, lines and fields, never note text.
            throw new GoldSetUnavailableException($"gold set '{entry.Name}' ({entry.Kind}) cannot be read: {e.GetType().Name}: {e.Message}", e);
        }
    }
}
