using Coding.Core.Audit;
using Microsoft.Extensions.Options;

namespace Coding.Core.Ingest;

public sealed record FileIngestReport(IReadOnlyList<IngestResult> Results, IReadOnlyList<IngestError> Errors)
{
    public int Created => Results.Count(r => r.Outcome == IngestOutcome.Created);
    public int Duplicates => Results.Count(r => r.Outcome == IngestOutcome.Duplicate);
    public int Conflicts => Results.Count(r => r.Outcome == IngestOutcome.Conflict);
}

/// <summary>Validates a JSONL stream line by line and stores the good lines in batches; bad lines are reported, never fatal.</summary>
public sealed class JsonlIngest(EncounterIngestor ingestor, IOptions<IngestOptions> options, TimeProvider clock)
{
    public async Task<FileIngestReport> IngestAsync(Stream stream, Actor actor, CancellationToken ct)
    {
        var o = options.Value;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var results = new List<IngestResult>();
        var errors = new List<IngestError>();
        var batch = new List<ValidEncounter>(o.BatchSize);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        // A line holds the note plus JSON escaping (up to 6 bytes per char for \uXXXX) and a little envelope.
        var maxLineBytes = checked(o.MaxNoteChars * 6 + 64 * 1024);

        await foreach (var line in JsonlEncounterReader.ReadAsync(stream, maxLineBytes, ct))
        {
            if (line.Error is not null)
            {
                errors.Add(new IngestError(line.Number, null, line.Error));
                continue;
            }
            var (valid, error) = EncounterValidator.Validate(line.Input!, o, today);
            if (valid is null)
            {
                errors.Add(new IngestError(line.Number, line.Input!.ExternalId, error!));
                continue;
            }
            if (seen.TryGetValue(valid.ExternalId, out var firstLine))
            {
                errors.Add(new IngestError(line.Number, valid.ExternalId, $"externalId repeats line {firstLine} of this file"));
                continue;
            }
            seen[valid.ExternalId] = line.Number;
            batch.Add(valid);
            if (batch.Count >= o.BatchSize)
            {
                results.AddRange(await ingestor.IngestAsync(batch, actor, ct));
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            results.AddRange(await ingestor.IngestAsync(batch, actor, ct));
        return new FileIngestReport(results, errors);
    }
}
