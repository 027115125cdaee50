using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coding.Core.Codebooks.Import;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Coding.IntegrationTests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.BadInput;

/// <summary>
/// The same corpus through HTTP ingest (POST /api/encounters on the real Kestrel API host, signed in as ingest), with
/// a real worker on the queue behind it: every bad body gets its status and reason, the good records posted between
/// them are stored and coded, and hostile markup comes back from the API as inert JSON text.
/// There is no FHIR ingest endpoint (FHIR is export only), so HTTP, `coding ingest` and the raw queue are the entry points.
/// </summary>
public sealed class when_bad_input_is_posted(ApiHost api, PipelineHarness harness) : IClassFixture<ApiHost>, IClassFixture<PipelineHarness>
{
    private static ByteArrayContent Body(byte[] bytes, string contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static byte[] Good(string id, string note = Corpus.GoodNote) => Encoding.UTF8.GetBytes(Corpus.Line(id, JsonSerializer.Serialize(note)));

    private async Task<T> QueryAsync<T>(Func<CodingDbContext, Task<T>> query)
    {
        await using var scope = api.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<CodingDbContext>());
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [Fact]
    public async Task every_bad_body_is_refused_with_its_reason_and_the_good_records_around_it_are_stored_and_coded()
    {
        await using (var scope = api.Scope())
            await scope.ServiceProvider.GetRequiredService<CodebookImporter>().ImportAsync(
                new ImportRequest(Path.Combine(AppContext.BaseDirectory, "EngineFixtures"), new HashSet<CodeSystem> { CodeSystem.Icd10Cm }), null, default);
        using var ingest = await api.SignedInAsync("ingest");
        var failures = new List<string>();
        var good = 0;

        async Task PostGoodAsync()
        {
            var response = await ingest.PostAsync("/api/encounters", Body(Good($"HTTP-GOOD-{good++}")));
            if (response.StatusCode != HttpStatusCode.Created)
                failures.Add($"good record {good - 1}: {(int)response.StatusCode}");
        }

        async Task RefusedAsync(string name, HttpContent content, HttpStatusCode status, string reason)
        {
            using var response = await ingest.PostAsync("/api/encounters", content);
            // Reasons are read as the JSON's strings: the API escapes '+', '<' and quotes as \uXXXX on the wire.
            var text = string.Join(" | ", Strings(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement));
            if (response.StatusCode != status || !text.Contains(reason, StringComparison.Ordinal))
                failures.Add($"{name}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
            // A reason names the item and the field, never the content.
            if (text.Contains("hypertension", StringComparison.OrdinalIgnoreCase) || text.Contains("<script", StringComparison.OrdinalIgnoreCase) || text.Contains("DROP TABLE", StringComparison.OrdinalIgnoreCase))
                failures.Add($"{name}: the answer quotes the input");
        }

        foreach (var bad in Corpus.RefusedLines)
        {
            await PostGoodAsync();
            await RefusedAsync(bad.Name, Body(bad.Line), HttpStatusCode.BadRequest, bad.ReasonOverHttp);
        }
        // What only HTTP can get wrong: the media type, a raw (unescaped) control byte, no body, a bad item inside a batch.
        await RefusedAsync("text/plain", Body(Good("HTTP-PLAIN"), "text/plain"), HttpStatusCode.UnsupportedMediaType, "application/json");
        await RefusedAsync("raw control byte", Body([.. Encoding.UTF8.GetBytes(Corpus.Line("HTTP-RAWCTRL", "\"Essential hypertension ")), 0x07, .. "\"}"u8]), HttpStatusCode.BadRequest, "malformed JSON");
        await RefusedAsync("empty body", Body([]), HttpStatusCode.BadRequest, "malformed JSON");
        await RefusedAsync("a bad item in a batch", Body([(byte)'[', .. Good("HTTP-BATCH-OK"), (byte)',', .. Corpus.RefusedLines.Single(b => b.Name == "control character").Line, (byte)']']),
            HttpStatusCode.BadRequest, "control character U+0007");
        await PostGoodAsync();
        var hostile = new Dictionary<string, HttpStatusCode>();
        foreach (var (key, note) in Corpus.AcceptedHostileNotes)
            hostile[key] = (await ingest.PostAsync("/api/encounters", Body(Good($"HTTP-HOSTILE-{key}", note)))).StatusCode;
        // A date in the format's range but before any release this database holds: accepted here, dead-lettered by the worker.
        var undated = await ingest.PostAsync("/api/encounters", Body(Encoding.UTF8.GetBytes(Corpus.Line("HTTP-NORELEASE", JsonSerializer.Serialize(Corpus.GoodNote), "2016-03-02"))));
        Assert.Empty(failures);
        Assert.All(hostile.Values, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.Created, undated.StatusCode);

        // Only what was meant to be stored is stored: the good records and the hostile-but-valid notes, nothing from a refused body.
        // (HTTP-MARKUP is the other test's, in the same database.)
        var stored = await QueryAsync(db => db.Encounters.Select(e => e.ExternalId).ToListAsync());
        Assert.Equal(Enumerable.Range(0, good).Select(i => $"HTTP-GOOD-{i}").Concat(hostile.Keys.Select(k => $"HTTP-HOSTILE-{k}")).Append("HTTP-NORELEASE").Order(),
            stored.Where(s => s != "HTTP-MARKUP").Order());

        var settings = new Dictionary<string, string?>(api.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))) { ["Engine:Kind"] = "deterministic" };
        using var worker = harness.CreateWorker(settings: settings);
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => await QueryAsync(db => db.Encounters.CountAsync(e => e.Status == EncounterStatus.Coded)) == stored.Count - 1
                && await QueryAsync(db => db.Encounters.AnyAsync(e => e.ExternalId == "HTTP-NORELEASE" && e.Status == EncounterStatus.Failed)),
            TimeSpan.FromSeconds(120), "every stored encounter coded but the one no release is in force for, which failed");
        await worker.StopAsync();

        var releaseCodes = (await QueryAsync(db => db.CodebookCodes.Select(c => c.Code).ToListAsync())).ToHashSet();
        var sets = await QueryAsync(db => db.SuggestionSets.Include(s => s.Suggestions).ThenInclude(s => s.Evidence).ToListAsync());
        Assert.Equal("no-codebook-in-force", await QueryAsync(db => db.Encounters.Where(e => e.ExternalId == "HTTP-NORELEASE").Select(e => e.FailureReason).SingleAsync()));
        Assert.Equal(stored.Count - 1, sets.Count);
        Assert.All(sets, set =>
        {
            Assert.Contains("I10", set.Suggestions.Select(s => s.Code));
            Assert.All(set.Suggestions, s => Assert.Contains(s.Code.Replace(".", "", StringComparison.Ordinal), releaseCodes));
            Assert.All(Corpus.InjectedCodes, c => Assert.DoesNotContain(c, set.Suggestions.Select(s => s.Code)));
        });
    }

    [Fact]
    public async Task hostile_markup_comes_back_from_the_api_as_escaped_json_text()
    {
        using var ingest = await api.SignedInAsync("ingest");
        var created = await ingest.PostAsync("/api/encounters", Body(Good("HTTP-MARKUP", Corpus.AcceptedHostileNotes["HTML"])));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("encounterId").GetGuid();

        using var coder = await api.SignedInAsync("coder");
        using var view = await coder.GetAsync($"/api/encounters/{id}");
        var raw = await view.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("application/json", view.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", view.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'self'", view.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        // The markup is in the JSON only as escaped text: no '<' a sniffing or careless client could parse as a tag.
        Assert.DoesNotContain("<script", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Corpus.AcceptedHostileNotes["HTML"], JsonDocument.Parse(raw).RootElement.GetProperty("note").GetString());
        // An encounter id that does not exist: a plain 404, nothing else.
        Assert.Equal(HttpStatusCode.NotFound, (await coder.GetAsync($"/api/encounters/{Guid.NewGuid()}")).StatusCode);
    }
}
