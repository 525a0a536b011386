import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Agency } from './agency.entity.js';
import { AgenciesService } from './agencies.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Agency])],
  providers: [AgenciesService],
  exports: [AgenciesService],
})
export class AgenciesModule {}
