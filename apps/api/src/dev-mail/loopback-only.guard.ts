import { BlockList, isIP } from 'node:net';
import { type CanActivate, type ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '#config';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  const family = address ? isIP(address) : 0;
  return family !== 0 && loopback.check(address!, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The development mailbox shows every password-reset and verification link, so it answers only in development,
 * with the embedded catcher, and only to a client on this machine: the socket's own peer address, never
 * `X-Forwarded-For` (TRUST_PROXY must not open it). Anything else gets the same 404 as an unknown route.
 */
@Injectable()
export class LoopbackOnlyGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (this.config.servesDevMailbox && isLoopbackAddress(req.socket.remoteAddress)) return true;
    throw new NotFoundException(`Cannot ${req.method} ${req.originalUrl}`);
  }
}
