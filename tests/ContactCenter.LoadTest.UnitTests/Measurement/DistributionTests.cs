using ContactCenter.LoadTest.Measurement;

namespace ContactCenter.LoadTest.UnitTests.Measurement;

public sealed class DistributionTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_values_that_were_measured()
    {
        // 1..20 ms, shuffled: nearest rank of p95 is the 19th value, of p99 the 20th, of the median the 10th.
        var values = Enumerable.Range(1, 20).Select(ms => TimeSpan.FromMilliseconds(ms)).OrderBy(v => v.Milliseconds * 7 % 20);

        var distribution = Distribution.Of(values);

        Assert.Equal(20, distribution.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(1), distribution.Min);
        Assert.Equal(TimeSpan.FromMilliseconds(10), distribution.Median);
        Assert.Equal(TimeSpan.FromMilliseconds(19), distribution.P95);
        Assert.Equal(TimeSpan.FromMilliseconds(20), distribution.P99);
        Assert.Equal(TimeSpan.FromMilliseconds(20), distribution.Max);
    }

    [Fact]
    public void Whole_ranks_stay_whole_despite_floating_point()
    {
        var distribution = Distribution.Of(Enumerable.Range(1, 100).Select(ms => TimeSpan.FromMilliseconds(ms)));

        Assert.Equal(TimeSpan.FromMilliseconds(7), distribution.Percentile(7));
        Assert.Equal(TimeSpan.FromMilliseconds(95), distribution.P95);
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        var distribution = Distribution.Of([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)]);

        Assert.Equal(TimeSpan.FromSeconds(2), distribution.Median);
    }

    [Fact]
    public void One_value_is_every_statistic()
    {
        var distribution = Distribution.Of([TimeSpan.FromMilliseconds(300)]);

        Assert.All(
            new[] { distribution.Min, distribution.Median, distribution.P95, distribution.P99, distribution.Max },
            value => Assert.Equal(TimeSpan.FromMilliseconds(300), value));
    }

    [Fact]
    public void No_values_have_no_statistics()
    {
        var distribution = Distribution.Of([]);

        Assert.Equal(0, distribution.Count);
        Assert.Null(distribution.Median);
        Assert.Null(distribution.P99);
    }

    [Fact]
    public void Percentiles_outside_0_to_100_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Of([]).Percentile(101));
    }
}
