using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coding.Core.Adjudication;

/// <summary>
/// Our prompt and JSON schema, versioned together: change either and bump <see cref="Version"/> /
/// <see cref="SchemaVersion"/>, because both are recorded in every suggestion's provenance and eval runs compare by them.
/// The model sees the minimum necessary text: the sentences that support a candidate plus their neighbours, never the
/// whole chart; codes can only be candidates and evidence only the sentence ids shown.
/// </summary>
public static class AdjudicationPrompt
{
    public const string Version = "adjudicate-v1";
    public const string SchemaVersion = "adjudication-schema-v1";
    public const string SchemaName = "adjudication";

    /// <param name="MinCodes">0 in production (keeping no candidate is a valid answer); the benchmark raises it to force full answers.</param>
    public sealed record Limits(int MaxCodes = 8, int MaxEvidencePerCode = 3, int RationaleMaxLength = 160, int ContextWindow = 1, int MinCodes = 0);

    /// <summary>What is sent: the messages, the schema and the ids the answer may use.</summary>
    public sealed record Rendered(string System, string User, JsonObject Schema, IReadOnlyList<int> SentenceIds, string Hash);

    private const string SystemText =
        """
        You are a certified medical coder adjudicating candidate codes for one encounter.
        Keep a candidate only when the numbered note sentences document it for this encounter (not negated,
        not hypothetical, not family history). Cite the sentence ids that support it. Follow the guideline excerpts.
        Answer with JSON only, matching the given schema. Use only the listed candidate codes and sentence ids.
        """;

    /// <summary>The sentences the model may read: each candidate's supporting sentences and their neighbours.</summary>
    public static IReadOnlyList<NoteSentence> SelectContext(AdjudicationRequest request, int window)
    {
        var order = request.Sentences.OrderBy(s => s.Start).ToList();
        var index = order.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var keep = new SortedSet<int>();
        foreach (var id in request.Candidates.SelectMany(c => c.SupportingSentenceIds))
        {
            if (!index.TryGetValue(id, out var i))
                continue;
            for (var j = Math.Max(0, i - window); j <= Math.Min(order.Count - 1, i + window); j++)
                keep.Add(j);
        }
        return keep.Select(i => order[i]).ToList();
    }

    public static Rendered Render(AdjudicationRequest request, Limits limits, Func<string, string>? protect = null)
    {
        protect ??= t => t;
        var sentences = SelectContext(request, limits.ContextWindow);
        var ids = sentences.Select(s => s.Id).ToList();
        var user = new StringBuilder();
        user.Append("Setting: ").Append(request.Setting).Append('\n');
        user.Append("Note sentences:\n");
        foreach (var s in sentences)
            user.Append('[').Append(s.Id).Append("] ").Append(OneLine(protect(s.Text))).Append('\n');
        user.Append("Candidate codes:\n");
        foreach (var c in request.Candidates.OrderBy(c => c.Code, StringComparer.Ordinal))
            user.Append("- ").Append(c.Code).Append(" (").Append(c.System).Append("): ").Append(OneLine(c.Description))
                .Append("; retrieval score ").Append(c.DeterministicScore.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))
                .Append("; matched sentences ").Append(string.Join(",", c.SupportingSentenceIds)).Append('\n');
        if (request.Guidelines.Count > 0)
        {
            user.Append("Guideline excerpts:\n");
            foreach (var g in request.Guidelines)
                user.Append('(').Append(g.Id).Append(") ").Append(OneLine(g.Text)).Append('\n');
        }
        user.Append("Return the codes this note supports, best first, each with evidence sentence ids, a confidence 0..1 and a short rationale.");

        var schema = Schema(request.Candidates.Select(c => c.Code).Distinct().Order(StringComparer.Ordinal).ToList(), ids, limits);
        var userText = user.ToString();
        var hash = Hash(SystemText, userText, schema);
        return new Rendered(SystemText, userText, schema, ids, hash);
    }

    /// <summary>
    /// The answer's schema. <c>code</c> is an enum of the candidate codes and <c>evidence</c> an enum of the shown
    /// sentence ids, so a constrained model cannot name a code or a sentence that does not exist.
    /// </summary>
    public static JsonObject Schema(IReadOnlyList<string> codes, IReadOnlyList<int> sentenceIds, Limits limits)
    {
        var item = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["code"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(codes.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()) },
                ["evidence"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray(sentenceIds.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()) },
                    ["minItems"] = 1,
                    ["maxItems"] = limits.MaxEvidencePerCode,
                },
                ["confidence"] = new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1 },
                ["rationale"] = new JsonObject { ["type"] = "string", ["maxLength"] = limits.RationaleMaxLength },
            },
            ["required"] = new JsonArray("code", "evidence", "confidence", "rationale"),
            ["additionalProperties"] = false,
        };
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["codes"] = new JsonObject { ["type"] = "array", ["items"] = item, ["minItems"] = Math.Min(limits.MinCodes, Math.Min(limits.MaxCodes, codes.Count)), ["maxItems"] = Math.Min(limits.MaxCodes, codes.Count) },
            },
            ["required"] = new JsonArray("codes"),
            ["additionalProperties"] = false,
        };
    }

    /// <summary>
    /// The OpenAI <c>response_format</c> object. As a JsonElement it travels through Semantic Kernel to any
    /// OpenAI-compatible server and is read back by our in-process llama backend.
    /// </summary>
    public static JsonElement ResponseFormat(JsonObject schema) =>
        JsonSerializer.SerializeToElement(new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = SchemaName, ["strict"] = true, ["schema"] = schema.DeepClone() },
        });

    /// <summary>sha256 over exactly what was sent, so two suggestions with the same hash saw the same prompt.</summary>
    public static string Hash(string system, string user, JsonObject schema)
    {
        var text = $"{Version}\n{SchemaVersion}\n{system}\n{user}\n{schema.ToJsonString()}";
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    // Note text is data, not markup: break up chat-template control sequences so a note cannot open a new turn.
    private static readonly string[] ControlSequences = ["<|", "|>", "<s>", "</s>", "[INST]", "[/INST]", "<<SYS>>", "<</SYS>>"];

    private static string OneLine(string s)
    {
        var line = s.ReplaceLineEndings(" ").Trim();
        foreach (var c in ControlSequences)
            line = line.Replace(c, c.Insert(1, " "), StringComparison.OrdinalIgnoreCase);
        return line;
    }
}
