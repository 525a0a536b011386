import { Global, Module } from '@nestjs/common';
import { AppSecretsService } from './app-secrets.service.js';

/** Installation secrets, shared by every context. */
@Global()
@Module({ providers: [AppSecretsService], exports: [AppSecretsService] })
export class SharedModule {}
