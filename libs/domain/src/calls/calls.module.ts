import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Call } from './call.entity.js';
import { CallsService } from './calls.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Call])],
  providers: [CallsService],
  exports: [CallsService],
})
export class CallsModule {}
