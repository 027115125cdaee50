using System.Runtime.InteropServices;
using System.Text;

namespace Coding.Core.Model.Gguf;

/// <summary>
/// Writes a GGUF v3 file: header, metadata, tensor infos, then F32 tensor data aligned to
/// <see cref="Alignment"/> bytes (the spec's default when general.alignment is absent).
/// </summary>
public sealed class GgufWriter
{
    public const int Alignment = 32;
    private const uint Magic = 0x46554747;
    private const uint GgmlTypeF32 = 0;

    private readonly List<GgufKeyValue> _metadata = [];
    private readonly List<(string Name, long[] Dims, float[] Data)> _tensors = [];

    public GgufWriter Add(GgufKeyValue kv)
    {
        _metadata.Add(kv);
        return this;
    }

    /// <param name="dims">ggml order: dims[0] is the contiguous (fastest-varying) dimension.</param>
    public GgufWriter AddTensor(string name, long[] dims, float[] data)
    {
        if (dims.Aggregate(1L, (a, d) => a * d) != data.Length)
            throw new ArgumentException($"tensor {name}: {data.Length} values do not fill [{string.Join(", ", dims)}]");
        _tensors.Add((name, dims, data));
        return this;
    }

    public void Write(string path)
    {
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(Magic);
        w.Write(3u);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);
        foreach (var kv in _metadata)
        {
            WriteString(w, kv.Key);
            w.Write((uint)kv.Type);
            if (kv.Type == GgufType.Array)
            {
                var array = (Array)kv.Value;
                w.Write((uint)kv.ElementType);
                w.Write((ulong)array.Length);
                foreach (var item in array)
                    WriteScalar(w, kv.ElementType, item!);
            }
            else
            {
                WriteScalar(w, kv.Type, kv.Value);
            }
        }

        ulong offset = 0;
        foreach (var (name, dims, data) in _tensors)
        {
            WriteString(w, name);
            w.Write((uint)dims.Length);
            foreach (var d in dims)
                w.Write((ulong)d);
            w.Write(GgmlTypeF32);
            w.Write(offset);
            offset = Align((ulong)data.Length * sizeof(float) + offset);
        }

        Pad(w);
        foreach (var (_, _, data) in _tensors)
        {
            w.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            Pad(w);
        }
    }

    private static ulong Align(ulong n) => (n + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        var position = (ulong)w.BaseStream.Position;
        for (var i = position; i < Align(position); i++)
            w.Write((byte)0);
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void WriteScalar(BinaryWriter w, GgufType type, object value)
    {
        switch (type)
        {
            case GgufType.UInt8: w.Write(Convert.ToByte(value)); break;
            case GgufType.Int8: w.Write(Convert.ToSByte(value)); break;
            case GgufType.UInt16: w.Write(Convert.ToUInt16(value)); break;
            case GgufType.Int16: w.Write(Convert.ToInt16(value)); break;
            case GgufType.UInt32: w.Write(Convert.ToUInt32(value)); break;
            case GgufType.Int32: w.Write(Convert.ToInt32(value)); break;
            case GgufType.Float32: w.Write(Convert.ToSingle(value)); break;
            case GgufType.Bool: w.Write((byte)((bool)value ? 1 : 0)); break;
            case GgufType.String: WriteString(w, (string)value); break;
            case GgufType.UInt64: w.Write(Convert.ToUInt64(value)); break;
            case GgufType.Int64: w.Write(Convert.ToInt64(value)); break;
            case GgufType.Float64: w.Write(Convert.ToDouble(value)); break;
            default: throw new ArgumentException($"GGUF type {type} is not a scalar");
        }
    }
}
