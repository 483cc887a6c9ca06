using System.Text;
using ContactCenter.Sip.Parsing;
using Xunit;

namespace ContactCenter.Sip.UnitTests.Parsing;

/// <summary>
/// Deterministic mutation fuzzing: the parser never throws and every result is a message, an
/// answerable 4xx/5xx error with a request to answer, or a drop.
/// </summary>
public class SipParserFuzzTests
{
    private const int MutationsPerSeed = 400;

    public static IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        foreach (var (name, expectation) in Rfc4475CorpusTests.Expected)
        {
            if (expectation.Outcome == Rfc4475CorpusTests.Outcome.Message)
            {
                yield return (name, TortureCorpus.Load(name));
            }
        }

        yield return ("invite", SampleMessages.Bytes(SampleMessages.Invite));
        yield return ("ok", SampleMessages.Bytes(SampleMessages.Ok));
        yield return ("bye", SampleMessages.Bytes(SampleMessages.Bye));
        yield return ("options", SampleMessages.Bytes(SampleMessages.Options));
    }

    public static TheoryData<string> SeedNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in Seeds())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Mutated_messages_never_throw_and_always_classify(string seedName)
    {
        var seed = Seeds().Single(s => s.Name == seedName).Bytes;
        var random = new Random(HashSeed(seedName));
        var outcomes = new int[3];
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var mutated = Mutate(seed, random);
            var result = SipParser.Parse(mutated);
            outcomes[Check(result, mutated)]++;

            // The same bytes framed from a stream must classify just as safely.
            Check(SipParser.Parse(mutated, datagram: false), mutated);
        }

        // The mutations are varied enough to reach more than one outcome from every seed.
        Assert.True(outcomes.Count(n => n > 0) >= 2, seedName + ": " + string.Join(",", outcomes));
    }

    [Fact]
    public void Random_garbage_is_dropped_or_classified()
    {
        var random = new Random(4475);
        for (var i = 0; i < 2000; i++)
        {
            var data = new byte[random.Next(0, 600)];
            random.NextBytes(data);
            if (i % 3 == 0 && data.Length > 8)
            {
                // Give some garbage a plausible start line.
                "INVITE s"u8.CopyTo(data);
            }

            Check(SipParser.Parse(data), data);
        }
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Valid_messages_round_trip_through_ToBytes(string seedName)
    {
        var seed = Seeds().Single(s => s.Name == seedName).Bytes;
        var first = SipParser.Parse(seed).Message!;
        var second = SipParser.Parse(first.ToBytes()).Message;
        Assert.NotNull(second);
        AssertSameKeyValues(first, second!);

        // And a third pass is byte-identical to the second: serialisation is a fixed point.
        Assert.Equal(second!.ToBytes(), SipParser.Parse(second.ToBytes()).Message!.ToBytes());
    }

    private static void AssertSameKeyValues(SipMessage a, SipMessage b)
    {
        if (a is SipRequest ra)
        {
            var rb = Assert.IsType<SipRequest>(b);
            Assert.Equal(ra.Method, rb.Method);
            Assert.Equal(ra.RequestUri, rb.RequestUri);
            Assert.Equal(ra.RequestUri.User, rb.RequestUri.User);
        }
        else
        {
            var sa = Assert.IsType<SipResponse>(a);
            var sb = Assert.IsType<SipResponse>(b);
            Assert.Equal(sa.StatusCode, sb.StatusCode);
            Assert.Equal(sa.ReasonPhrase, sb.ReasonPhrase);
        }

        Assert.Equal(a.CallId, b.CallId);
        Assert.Equal(a.CSeq, b.CSeq);
        Assert.Equal(a.From!.Uri, b.From!.Uri);
        Assert.Equal(a.From.Tag, b.From.Tag);
        Assert.Equal(a.From.DisplayName, b.From.DisplayName);
        Assert.Equal(a.To!.Uri, b.To!.Uri);
        Assert.Equal(a.To.Tag, b.To.Tag);
        Assert.Equal(a.MaxForwards, b.MaxForwards);
        Assert.Equal(a.ContentType, b.ContentType);
        Assert.Equal(a.Vias.Select(v => v.ToString()), b.Vias.Select(v => v.ToString()));
        Assert.Equal(a.Contacts.Select(c => c.ToString()), b.Contacts.Select(c => c.ToString()));
        Assert.Equal(a.Routes.Select(c => c.Uri), b.Routes.Select(c => c.Uri));
        Assert.Equal(
            a.Headers.Where(h => h.Name != "Content-Length"),
            b.Headers.Where(h => h.Name != "Content-Length"));
        Assert.Equal(a.Body, b.Body);
    }

    /// <returns>0 message, 1 error, 2 drop.</returns>
    private static int Check(SipParseResult result, byte[] input)
    {
        var kinds = (result.Message is not null ? 1 : 0) + (result.Error is not null ? 1 : 0) + (result.Drop ? 1 : 0);
        Assert.True(kinds == 1, "exactly one outcome expected for: " + Encoding.UTF8.GetString(input));

        if (result.Message is { } message)
        {
            // Whatever parsed can be serialised and parsed again without throwing.
            var bytes = message.ToBytes();
            Assert.NotNull(SipParser.Parse(bytes).ToString());
            return 0;
        }

        if (result.Error is { } error)
        {
            Assert.InRange(error.StatusCode, 400, 599);
            Assert.False(string.IsNullOrEmpty(error.Reason));
            Assert.NotNull(error.Request);
            Assert.NotEqual(SipMethods.Ack, error.Request!.Method);
            Assert.NotNull(error.Request.TopVia);
            var response = error.CreateResponse("fuzz");
            Assert.NotNull(response);
            Assert.NotEmpty(response!.ToBytes());
            return 1;
        }

        Assert.False(string.IsNullOrEmpty(result.DropReason));
        return 2;
    }

    private static int HashSeed(string name)
    {
        // Stable across runs and processes (string.GetHashCode is randomised).
        var h = 17;
        foreach (var c in name)
        {
            h = unchecked((h * 31) + c);
        }

        return h;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds && data.Count > 0; r++)
        {
            switch (random.Next(10))
            {
                case 0: // bit flip
                {
                    var i = random.Next(data.Count);
                    data[i] ^= (byte)(1 << random.Next(8));
                    break;
                }

                case 1: // byte insert (often a SIP metacharacter)
                {
                    var specials = "\r\n :;,<>\"\\%@=/"u8.ToArray();
                    var b = random.Next(2) == 0 ? specials[random.Next(specials.Length)] : (byte)random.Next(256);
                    data.Insert(random.Next(data.Count + 1), b);
                    break;
                }

                case 2: // byte delete
                    data.RemoveAt(random.Next(data.Count));
                    break;

                case 3: // truncation
                {
                    var cut = random.Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                }

                case 4: // header duplication
                {
                    var lines = SplitLines(data);
                    if (lines.Count > 2)
                    {
                        var pick = lines[random.Next(1, lines.Count)];
                        var insertAt = lines[random.Next(1, lines.Count)].Start;
                        data.InsertRange(insertAt, data.GetRange(pick.Start, pick.Length));
                    }

                    break;
                }

                case 5: // CRLF removal
                {
                    var index = IndexOf(data, (byte)'\r', random.Next(data.Count));
                    if (index >= 0 && index + 1 < data.Count && data[index + 1] == (byte)'\n')
                    {
                        data.RemoveRange(index, 2);
                    }

                    break;
                }

                case 6: // huge or hostile Content-Length
                {
                    var text = Encoding.Latin1.GetString(data.ToArray());
                    var values = new[] { "4294967296", "2147483647", "-1", "99999999999999999999999", "1e3", " 12 34" };
                    text = System.Text.RegularExpressions.Regex.Replace(
                        text, @"(?im)^(Content-Length|l)\s*:[^\r\n]*", "Content-Length: " + values[random.Next(values.Length)]);
                    data = [.. Encoding.Latin1.GetBytes(text)];
                    break;
                }

                case 7: // non-UTF-8 bytes
                {
                    var at = random.Next(data.Count + 1);
                    data.InsertRange(at, [0xC3, 0x28, 0xFF, 0xFE, 0xA0, 0xA1, 0x80]);
                    break;
                }

                case 8: // replace a span with random bytes
                {
                    var start = random.Next(data.Count);
                    var length = Math.Min(random.Next(1, 16), data.Count - start);
                    for (var i = 0; i < length; i++)
                    {
                        data[start + i] = (byte)random.Next(256);
                    }

                    break;
                }

                default: // line swap of two header lines
                {
                    var lines = SplitLines(data);
                    if (lines.Count > 3)
                    {
                        var line = lines[random.Next(1, lines.Count)];
                        var bytes = data.GetRange(line.Start, line.Length);
                        data.RemoveRange(line.Start, line.Length);
                        data.InsertRange(Math.Min(data.Count, lines[1].Start), bytes);
                    }

                    break;
                }
            }
        }

        return [.. data];
    }

    private static List<(int Start, int Length)> SplitLines(List<byte> data)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] == (byte)'\n')
            {
                lines.Add((start, i - start + 1));
                start = i + 1;
            }
        }

        return lines;
    }

    private static int IndexOf(List<byte> data, byte value, int from)
    {
        for (var i = from; i < data.Count; i++)
        {
            if (data[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
