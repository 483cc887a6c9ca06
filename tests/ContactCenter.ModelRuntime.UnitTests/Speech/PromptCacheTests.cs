using ContactCenter.ModelRuntime.Speech;

namespace ContactCenter.ModelRuntime.UnitTests.Speech;

public sealed class PromptCacheTests
{
    private readonly FliteSynthesizer _flite = FliteSynthesizer.Create("slt");

    [Fact]
    public void A_text_is_rendered_once_and_the_same_instance_returned()
    {
        var cache = new PromptCache(_flite);

        SpokenText first = cache.Get("Thank you for calling.");
        SpokenText second = cache.Get("Thank you for calling.");

        Assert.Same(first, second);
        Assert.NotSame(first, cache.Get("Goodbye."));
        Assert.Equal(2, cache.Count);
        Assert.NotEmpty(first.Samples);
    }

    [Fact]
    public void Concurrent_requests_for_one_text_share_one_rendering()
    {
        var cache = new PromptCache(_flite);
        var results = new SpokenText[8];
        using var start = new Barrier(results.Length);

        Thread[] threads = [.. Enumerable.Range(0, results.Length).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            results[i] = cache.Get("Please hold while we connect you.");
        }))];
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());

        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Past_the_capacity_the_least_recently_used_text_goes()
    {
        var cache = new PromptCache(_flite, capacity: 3);
        SpokenText one = cache.Get("one");
        SpokenText two = cache.Get("two");
        cache.Get("three");
        Assert.Same(one, cache.Get("one"));

        cache.Get("four");

        Assert.InRange(cache.Count, 1, 3);
        Assert.Same(one, cache.Get("one"));
        Assert.NotSame(two, cache.Get("two"));
    }
}
