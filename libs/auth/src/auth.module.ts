import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '#config';
import { AccountsModule } from '#domain';
import { jwtModuleOptions } from './access-token.js';
import { JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard } from './guards.js';
import { JwtStrategy } from './jwt.strategy.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [
    PassportModule,
    AccountsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => jwtModuleOptions(config),
    }),
  ],
  providers: [JwtStrategy, TokenService, JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard],
  exports: [TokenService, JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard],
})
export class AuthModule {}
