using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Coding.Core.Codebooks.Embeddings;

/// <summary>
/// Any OpenAI-compatible <c>POST {BaseUrl}/embeddings</c> (OpenAI, vLLM, llama.cpp server, TEI's OpenAI route).
/// Asks for <see cref="EmbeddingSpace.Dimension"/> dimensions and refuses answers of another width, because the
/// vector columns have a fixed width and mixing widths would corrupt every distance.
/// </summary>
public sealed class OpenAiEmbedder(HttpClient http, EmbedderOptions options) : IEmbedder
{
    public string Id => $"openai:{options.Model}-{EmbeddingSpace.Dimension}";

    public bool CacheVectors => true;

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        var result = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += options.BatchSize)
        {
            var batch = texts.Skip(start).Take(options.BatchSize).ToArray();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{options.BaseUrl!.TrimEnd('/')}/embeddings")
            {
                Content = JsonContent.Create(new EmbeddingRequest(options.Model!, batch, EmbeddingSpace.Dimension)),
            };
            if (!string.IsNullOrEmpty(options.ApiKey)) request.Headers.Authorization = new("Bearer", options.ApiKey);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<EmbeddingResponse>(ct)
                ?? throw new InvalidOperationException("embedding endpoint returned no body");
            if (body.Data.Count != batch.Length) throw new InvalidOperationException($"embedding endpoint returned {body.Data.Count} vectors for {batch.Length} inputs");
            foreach (var item in body.Data)
            {
                if (item.Embedding.Length != EmbeddingSpace.Dimension)
                    throw new InvalidOperationException($"embedding endpoint returned {item.Embedding.Length} dimensions; the codebook columns hold {EmbeddingSpace.Dimension}");
                result[start + item.Index] = EmbeddingSpace.Normalize(item.Embedding);
            }
        }
        return result;
    }

    private sealed record EmbeddingRequest(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("input")] string[] Input,
        [property: JsonPropertyName("dimensions")] int Dimensions);

    private sealed record EmbeddingResponse([property: JsonPropertyName("data")] List<EmbeddingItem> Data);

    private sealed record EmbeddingItem(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("embedding")] float[] Embedding);
}
