using Coding.Core.Model.Gguf;

namespace Coding.UnitTests.Model;

public sealed class the_gguf_writer
{
    [Fact]
    public void metadata_written_is_read_back_with_types_and_arrays_intact()
    {
        var path = Path.GetTempFileName();
        try
        {
            new GgufWriter()
                .Add(GgufKeyValue.Of("general.architecture", "llama"))
                .Add(GgufKeyValue.Of("llama.block_count", 2u))
                .Add(GgufKeyValue.Of("llama.attention.layer_norm_rms_epsilon", 1e-5f))
                .Add(new GgufKeyValue("tokenizer.ggml.tokens", GgufType.Array, new[] { "<unk>", "▁the", "é" }, GgufType.String))
                .Add(new GgufKeyValue("tokenizer.ggml.scores", GgufType.Array, new[] { 0f, -1.5f, -2f }, GgufType.Float32))
                .AddTensor("output_norm.weight", [4], [1, 1, 1, 1])
                .Write(path);

            var kv = GgufReader.ReadMetadata(path).ToDictionary(k => k.Key);
            Assert.Equal("llama", kv["general.architecture"].Value);
            Assert.Equal(2u, kv["llama.block_count"].Value);
            Assert.Equal(1e-5f, kv["llama.attention.layer_norm_rms_epsilon"].Value);
            Assert.Equal(new[] { "<unk>", "▁the", "é" }, kv["tokenizer.ggml.tokens"].Value);
            Assert.Equal(new[] { 0f, -1.5f, -2f }, kv["tokenizer.ggml.scores"].Value);
            Assert.Equal(0, new FileInfo(path).Length % GgufWriter.Alignment);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void a_tensor_must_be_filled_exactly() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("x", [2, 3], new float[5]));
}
