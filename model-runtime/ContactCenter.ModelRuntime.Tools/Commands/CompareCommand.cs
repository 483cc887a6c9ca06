using System.Diagnostics;
using ContactCenter.ModelRuntime.Tools.Moonshine;

namespace ContactCenter.ModelRuntime.Tools.Commands;

/// <summary>
/// `compare modelsDir [seconds]`: runs the int8 and the fp32 Moonshine pairs on the same seeded noise input on one
/// CPU thread and prints file sizes, the encoder output difference, whether greedy tokens agree, and timings
/// (median of several runs after a warm-up). A measurement for the record, not a test: nothing is asserted.
/// </summary>
internal static class CompareCommand
{
    private const int Runs = 5;
    private const int DecoderSteps = 16;

    public static int Run(string modelsDirectory, double seconds, TextWriter output)
    {
        foreach (string file in new[] { MoonshineModels.Encoder, MoonshineModels.Decoder })
        {
            if (!File.Exists(MoonshineModels.Fp32(modelsDirectory, file)))
            {
                output.WriteLine($"error: {MoonshineModels.Fp32(modelsDirectory, file)} is missing; run `moonshine-gpu {modelsDirectory}` first.");
                return 1;
            }
        }

        float[] audio = SeededAudio((int)(seconds * 16_000), seed: 20_240_601);
        var results = new List<(string Name, (float[] Values, long[] Shape) Hidden, long[] Tokens)>();
        foreach ((string name, Func<string, string, string> path) in new (string, Func<string, string, string>)[]
                 { ("int8", MoonshineModels.Int8), ("fp32", MoonshineModels.Fp32) })
        {
            string encoder = path(modelsDirectory, MoonshineModels.Encoder);
            string decoder = path(modelsDirectory, MoonshineModels.Decoder);
            output.WriteLine($"{name}: encoder {new FileInfo(encoder).Length:N0} bytes, decoder {new FileInfo(decoder).Length:N0} bytes");
            var load = Stopwatch.StartNew();
            using var probe = new MoonshineProbe(encoder, decoder, threads: 1);
            output.WriteLine($"  session creation {load.Elapsed.TotalMilliseconds:F0} ms");

            (float[] Values, long[] Shape) hidden = probe.Encode(audio);
            long[] tokens = probe.Greedy(hidden, DecoderSteps, stopAtEnd: false);
            double encode = Median(() => probe.Encode(audio));
            double decode = Median(() => probe.Greedy(hidden, DecoderSteps, stopAtEnd: false));
            output.WriteLine($"  {seconds:F1} s input, 1 thread: encoder {encode:F1} ms, decoder {DecoderSteps} steps " +
                             $"{decode:F1} ms ({decode / DecoderSteps:F2} ms/token), tokens [{string.Join(' ', tokens)}]");
            results.Add((name, hidden, tokens));
        }

        (float[] reference, float[] candidate) = (results[0].Hidden.Values, results[1].Hidden.Values);
        double maxAbs = 0;
        double maxRef = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(reference[i] - candidate[i]));
            maxRef = Math.Max(maxRef, Math.Abs(reference[i]));
        }

        output.WriteLine($"encoder last_hidden_state fp32 vs int8: max |diff| {maxAbs:G4}, max |int8| {maxRef:G4}, " +
                         $"relative {maxAbs / maxRef:G4}; greedy tokens {(results[0].Tokens.SequenceEqual(results[1].Tokens) ? "identical" : "differ")}");
        return 0;
    }

    /// <summary>Uniform noise at -20 dBFS peak, reproducible from the seed.</summary>
    internal static float[] SeededAudio(int samples, int seed)
    {
        var random = new Random(seed);
        var audio = new float[samples];
        for (int i = 0; i < audio.Length; i++)
        {
            audio[i] = (float)((random.NextDouble() * 2) - 1) * 0.1f;
        }

        return audio;
    }

    private static double Median(Action action)
    {
        var times = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[Runs / 2];
    }
}
