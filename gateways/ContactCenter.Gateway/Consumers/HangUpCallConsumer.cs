using ContactCenter.Contracts.Calls;
using MassTransit;

namespace ContactCenter.Gateway.Consumers;

/// <summary>Carries out HangUpCall commands from the bus with BYE and the given Q.850 cause.</summary>
public sealed class HangUpCallConsumer(SipGateway gateway) : IConsumer<HangUpCall>
{
    public Task Consume(ConsumeContext<HangUpCall> context) =>
        gateway.HangUpAsync(context.Message.CallId, context.Message.Q850Cause, context.Message.RequestedBy);
}
