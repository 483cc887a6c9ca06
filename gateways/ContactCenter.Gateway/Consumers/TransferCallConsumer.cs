using ContactCenter.Contracts.Calls;
using MassTransit;

namespace ContactCenter.Gateway.Consumers;

/// <summary>Carries out TransferCall commands from the bus (supervisors, flows) with a blind REFER.</summary>
public sealed class TransferCallConsumer(SipGateway gateway) : IConsumer<TransferCall>
{
    public Task Consume(ConsumeContext<TransferCall> context) =>
        gateway.TransferAsync(context.Message.CallId, context.Message.Target, context.Message.Context);
}
